// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// The layers of DESIGN.md, enforced: who may import what.
const noElectron = {
  name: 'electron',
  message: 'The engine, message, inbox, storage, report and CLI layers are pure Node: they never import electron.',
}
const noMainFromRenderer = {
  group: ['**/main/**', '../main', '../../main'],
  message: 'The renderer reaches the main process only through preload/contract.ts.',
}
const noFeaturesFromStore = {
  group: ['**/features/**'],
  message: 'The store holds state and domain rules: features import the store, never the reverse (rules shared by both live in renderer/src/domain).',
}
const noUiFromDomain = {
  group: ['**/features/**', '**/store/**', '**/shared/**', 'react', 'react-dom', 'zustand'],
  message: 'renderer/src/domain is pure rules (addresses, headers, ports): no React, no store, no features.',
}
const noNodeInContract = {
  group: ['node:*', 'electron'],
  message: 'preload/contract.ts is shared by both processes: no electron, no node:*.',
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['main/smtp/**', 'main/message/**', 'main/cli/**', 'main/inbox/**', 'main/storage/**', 'main/report/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [noMainFromRenderer], paths: [noElectron] }],
    },
  },
  {
    files: ['renderer/src/store/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMainFromRenderer, noFeaturesFromStore], paths: [noElectron] }] },
  },
  {
    files: ['renderer/src/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMainFromRenderer, noUiFromDomain], paths: [noElectron] }] },
  },
  {
    files: ['preload/contract.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noNodeInContract] }] },
  },
)
