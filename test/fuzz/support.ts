/**
 * Bad-input kit: word and value generators that mix the grammar's own vocabulary with hostile text,
 * and a row count of every table, so "nothing was written" is one comparison.
 *
 * Runs are bounded (the suite runs twice in CI on 2 cores) and seeded, so a failure is reproducible
 * and CI is stable. FUZZ_RUNS=500 FUZZ_SEED=<n> widen or move the search locally.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

/** fast-check parameters: a fixed seed unless FUZZ_SEED is given, `runs` unless FUZZ_RUNS is. */
export function fuzzParams(runs: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED ?? 20261123);
  return { numRuns: Number(process.env.FUZZ_RUNS ?? runs), seed, endOnFailure: true };
}

/** Text that has broken bots before: SQL, Slack mrkdwn and mentions, Markdown, HTML, control characters. */
export const HOSTILE = [
  "'; drop table jobs; --",
  "Robert'); DELETE FROM people WHERE ('1'='1",
  '" OR 1=1 --',
  '$1',
  '%s%s%s%n',
  '<!channel>',
  '<!here|here>',
  '<@U0ADA>',
  '<https://evil.example|click me>',
  '*bold* _it_ ~gone~ `code` ```fence',
  '[link](https://evil.example)',
  '![img](https://evil.example/x.png)',
  '{{DATE(2026-01-01T00:00:00Z, SHORT)}}',
  '<script>alert(1)</script>',
  '&amp; &lt; &gt;',
  '\\',
  '\u0000',
  '\u0007\u001b[31m',
  '\u202e\u2066',
  '\ud83d\ude00\u200d\ud83d\udd25',
  '\ud800',
  'x'.repeat(5000),
  '',
  ' ',
  '"',
  "'",
  '--',
  '#',
];

/** Values the parsers look for: ids, priorities, durations, dates, amounts, people, flags. */
export const DOMAIN = [
  'ACME-HVAC',
  'BRIGHTDESK-IT',
  'PAR-HQ',
  'LYO-DC',
  'J-1001',
  'J-1',
  'J-99999999999',
  'P1',
  'P4',
  'P9',
  'HVAC-LAB',
  'DUCT-CLEAN',
  '1h30m',
  '90m',
  '-5h',
  '0m',
  '99999999h',
  '1e308',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '3',
  '12.50',
  '-0.01',
  '2026-11-24',
  '2026-02-30',
  '9999-12-31',
  '18:00',
  '25:99',
  '08:00-17:00',
  '17:00-08:00',
  '2026-11-24T18:00',
  '#1',
  '#999999',
  'T12',
  'dana',
  'tom',
  'max',
  '@dana',
  '<@U0DANA>',
  'dispatcher',
  'admin',
  '-admin',
  'hvac-paris',
  'open',
  'mine',
  'all',
  'resolved',
  'closed',
  'on',
  'off',
  '2026-11',
  'INV-2026-0001',
  'confirmation',
];

/** Each command's own words (sub-commands and flags), taken from its usage lines. */
export function vocabulary(usage: string[]): string[] {
  const words = new Set<string>();
  for (const line of usage) for (const w of line.split(/[\s|[\]<>()]+/)) if (/^(--?)?[a-z][a-z-]*$/.test(w)) words.add(w);
  return [...words];
}

/** A command line's words: the command's vocabulary, domain values, hostile text and random strings. */
export function wordsArb(usage: string[]): fc.Arbitrary<string[]> {
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...vocabulary(usage), '--for', '--at', '--amount') },
    { weight: 4, arbitrary: fc.constantFrom(...DOMAIN) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
  return fc.array(word, { maxLength: 8 });
}

/** A JSON value for a field: right-looking, wrong-typed, hostile or huge. */
export function valueArb(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...DOMAIN),
    fc.constantFrom(...HOSTILE),
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER, null, true, false),
    fc.constantFrom([], {}, ['x'], { $gt: '' }),
    fc.constantFrom('2026-11-24T10:00:00Z', '2026-13-45T99:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z'),
  );
}

export type RowCounts = Record<string, number>;

/** Every table's row count, in one statement. */
export async function rowCounts(db: Database): Promise<RowCounts> {
  const tables = (await rows(db, `select tablename from pg_tables where schemaname = 'public' order by tablename`)) as { tablename: string }[];
  const query = `select ${tables.map((t) => `(select count(*) from "${t.tablename}")::int as "${t.tablename}"`).join(', ')}`;
  const [counts] = (await rows(db, query)) as RowCounts[];
  return counts!;
}

/** Tables whose counts differ (for a readable failure). */
export function changed(before: RowCounts, after: RowCounts): string[] {
  return Object.keys(after).filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k]} -> ${after[k]}`);
}

export async function rows(db: Database, q: string): Promise<unknown[]> {
  const r = (await db.db.execute(sql.raw(q))) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as unknown[];
}
