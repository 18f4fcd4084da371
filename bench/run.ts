/**
 * `npm run bench`: runs every section, prints one markdown table and writes it, with the machine
 * it ran on, to bench/results.md. To add a benchmark, write a section returning BenchRow[] (see
 * bench/lib.ts) and append it to SECTIONS.
 *
 * `npm run bench -- rating monitor` runs only the sections named; the others keep their last rows
 * (bench/results.json holds each section's rows, machine load and date), and the table says when
 * each section was measured and under what load.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchCalendar } from './calendar.js';
import { benchMonitor } from './monitor.js';
import { benchRating } from './rating.js';
import { fmt, type BenchRow } from './lib.js';

const SECTIONS: { name: string; run: () => Promise<BenchRow[]> }[] = [
  { name: 'calendar', run: benchCalendar },
  { name: 'rating', run: benchRating },
  { name: 'billing', run: async () => (await import('./billing.js')).benchBilling() },
  { name: 'monitor', run: () => benchMonitor() },
  // A back-dated event reconciled; an amendment reaching back re-rating the open month.
  { name: 'late', run: async () => (await import('./late.js')).benchLate() },
  { name: 'kpi', run: async () => (await import('./kpi.js')).benchKpi() },
  // The bot in a child process under autocannon (Slack clicks), then its RSS idle and under load.
  { name: 'chat', run: async () => (await import('./chat.js')).benchChat() },
  { name: 'memory', run: async () => (await import('./memory.js')).benchMemory() },
  // The offline checklist page in Chromium on a throttled link.
  { name: 'field', run: async () => (await import('./field.js')).benchField() },
  // `npm start` with no settings: spawn to the answer to /help, on an empty DATA_DIR and again.
  { name: 'first-prompt', run: async () => (await import('./first-prompt.js')).benchFirstPrompt() },
];

function table(rows: BenchRow[]): string {
  const lines = [
    '| name | median | p95 | p99 | baseline median | ratio | target | pass |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | :---: |',
  ];
  for (const r of rows) {
    const baseline = r.baseline ? `${fmt(r.baseline.median)} ${r.unit} (${r.baseline.name})` : '';
    const ratio = r.ratio === undefined ? '' : `${fmt(r.ratio)}x`;
    const pass = r.pass === undefined ? '' : r.pass ? 'yes' : 'NO';
    const p99 = r.p99 === undefined ? '' : `${fmt(r.p99)} ${r.unit}`;
    lines.push(`| ${r.name} | ${fmt(r.median)} ${r.unit} | ${fmt(r.p95)} ${r.unit} | ${p99} | ${baseline} | ${ratio} | ${r.target ?? ''} | ${pass} |`);
  }
  return lines.join('\n');
}

interface SectionResult {
  at: string;
  /** 1-minute load average when the section started: a benchmark on a busy machine says so */
  load: number;
  rows: BenchRow[];
}

const RESULTS_JSON = new URL('./results.json', import.meta.url);

function previous(): Record<string, SectionResult> {
  if (!existsSync(RESULTS_JSON)) return {};
  return (JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as { sections?: Record<string, SectionResult> }).sections ?? {};
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !SECTIONS.some((s) => s.name === a));
  if (unknown.length) throw new Error(`unknown bench section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
  const results = previous();
  for (const section of SECTIONS) {
    if (asked.length && !asked.includes(section.name)) continue;
    const started = process.hrtime.bigint();
    const load = os.loadavg()[0]!;
    const at = new Date().toISOString();
    results[section.name] = { at, load, rows: await section.run() };
    console.error(`bench: ${section.name} done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  }
  const ran = SECTIONS.filter((s) => results[s.name]);
  const rows = ran.flatMap((s) => results[s.name]!.rows);
  const cpus = os.cpus();
  const machine = [
    `- CPU: ${cpus[0]?.model.trim() ?? 'unknown'} (${cpus.length} cores)`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version} on ${os.platform()} ${os.release()}`,
    `- Sections measured (UTC, 1-minute load average at start): ${ran.map((s) => `${s.name} ${results[s.name]!.at.slice(0, 16).replace('T', ' ')} (load ${results[s.name]!.load.toFixed(1)})`).join('; ')}`,
  ].join('\n');
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  const md = [
    '# Benchmark results',
    '',
    machine,
    '',
    table(rows),
    '',
    ...(notes.length ? ['Notes:', '', ...notes, ''] : []),
  ].join('\n');
  console.log(table(rows));
  if (notes.length) console.log(['', ...notes].join('\n'));
  writeFileSync(new URL('./results.md', import.meta.url), md);
  writeFileSync(RESULTS_JSON, `${JSON.stringify({ sections: results }, null, 2)}\n`);
}

await main();
