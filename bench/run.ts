/**
 * `npm run bench`: runs every section, prints one markdown table and writes it, with the machine
 * it ran on, to bench/results.md. To add a benchmark, write a section returning BenchRow[] (see
 * bench/lib.ts) and append it to SECTIONS.
 */
import { writeFileSync } from 'node:fs';
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
  { name: 'kpi', run: async () => (await import('./kpi.js')).benchKpi() },
  // The bot in a child process under autocannon (Slack clicks), then its RSS idle and under load.
  { name: 'chat', run: async () => (await import('./chat.js')).benchChat() },
  { name: 'memory', run: async () => (await import('./memory.js')).benchMemory() },
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

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  for (const section of SECTIONS) {
    const started = process.hrtime.bigint();
    rows.push(...(await section.run()));
    console.error(`bench: ${section.name} done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
  }
  const cpus = os.cpus();
  const machine = [
    `- Date: ${new Date().toISOString()}`,
    `- CPU: ${cpus[0]?.model.trim() ?? 'unknown'} (${cpus.length} cores)`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version} on ${os.platform()} ${os.release()}`,
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
}

await main();
