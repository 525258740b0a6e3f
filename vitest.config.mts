import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Three projects: the Node side (engine, message, CLI, services, IPC), the renderer in
// jsdom, and end-to-end runs of the built renderer in Debian's Chromium. fresh-build
// rebuilds out/ first when a run needs it and the sources are newer.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          globalSetup: ['test/support/fresh-build.ts', 'test/support/global-setup.ts'],
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          // user-event types key by key through React and jsdom: 5 s was too little on a
          // loaded 2-core machine (load 12: three Ctrl+Enter and draft tests timed out).
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          globalSetup: ['test/support/fresh-build.ts', 'test/support/global-setup.ts'],
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
