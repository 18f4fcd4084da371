/**
 * An accessibility audit of the page a browser shows: axe-core's source injected into the page,
 * run against every WCAG 2.0, 2.1 and 2.2 level A and AA rule, and each violation described with
 * the elements it found. The page's context needs `bypassCSP` (the field pages allow no inline
 * script). Also measures whether the page fits its viewport's width without scrolling sideways.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** One line per violation: its rule, impact and what is wrong, then each element with the fix axe suggests. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Expressions as strings: they run in the page, and this project's TypeScript has no DOM types.
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.addScriptTag({ content: AXE_SOURCE });
  const options = { runOnly: { type: 'tag', values: WCAG_A_AA }, resultTypes: ['violations'] };
  const r = await page.evaluate<AxeResults>(`axe.run(document, ${JSON.stringify(options)})`);
  return r.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`).join('\n')}`,
  );
}

/** How many CSS pixels the page is wider than its viewport (0 when nothing scrolls sideways). */
export async function overflowX(page: Page): Promise<number> {
  return page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)');
}
