// axe-core, the accessibility engine the web's practice uses, run inside the page under
// test. Its source is evaluated through the DevTools protocol (page.evaluate), which the
// page's strict CSP does not govern, so the app keeps its header exactly as it ships.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')

/** WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices (landmarks, headings, regions). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical'

export interface AxeViolation {
  id: string
  impact: Impact | null
  help: string
  nodes: Array<{ target: string[]; failureSummary: string; html: string }>
}

/** A violation kept on purpose: the rule and the elements it may name, with why it stays. */
export interface KnownViolation {
  id: string
  /** CSS-ish substring every reported target must contain. */
  target: string
  reason: string
}

type AxeGlobal = {
  axe?: {
    run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }>
  }
}

/** Runs axe on the whole document (the tooltip and other portals included). */
export async function audit(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as AxeGlobal).axe !== 'undefined')
  if (!loaded) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (tags) => {
    const { axe } = globalThis as unknown as AxeGlobal
    const result = await axe!.run(
      { exclude: [] },
      { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false },
    )
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String), failureSummary: node.failureSummary, html: node.html })),
    }))
  }, TAGS)
}

/** One line per offending element: rule, impact, target and axe's summary. */
export function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.impact ?? '?'} ${violation.id} ${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`),
  )
}
