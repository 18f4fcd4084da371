/**
 * A contract's problems (src/rules/contract-schema.ts) in words: each phrase from the catalog
 * (area `contract-checks`) in the current reader's language, so chat reads the person's language
 * and the CLI and the API, which run in English, read English.
 */
import { formatOr } from '../i18n/format.js';
import { t, type MessageValues } from '../i18n/t.js';
import type { Phrase, PhraseValue } from '../rules/contract-problem.js';
import type { ContractProblem } from '../rules/contract-types.js';

function valueText(v: PhraseValue): string | number {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if ('anyOf' in v) return formatOr(v.anyOf);
  return phraseText(v);
}

/** A phrase, its nested phrases worded first; on one line whatever the contract's text held. */
export function phraseText(p: Phrase): string {
  const values: MessageValues = {};
  for (const [name, v] of Object.entries(p.values ?? {})) values[name] = valueText(v);
  return t(p.key, values).replace(/\s*[\r\n]+\s*/g, ' ');
}

/** One problem: `rates[2].price: must be …`, `line 12: … (column 3)`, or the bare sentence. */
export function problemText(p: ContractProblem): string {
  const why = phraseText(p.why);
  if (p.line !== undefined) {
    const line = String(p.line);
    return p.column === undefined ? t('contract-checks.at-line', { line, why }) : t('contract-checks.at-line-column', { line, column: String(p.column), why });
  }
  return p.path ? t('contract-checks.at-path', { path: p.path, why }) : why;
}

/** One line per problem, for chat replies and API errors. */
export function formatProblems(problems: ContractProblem[]): string {
  return problems.map(problemText).join('\n');
}
