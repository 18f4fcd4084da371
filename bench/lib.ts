/**
 * Shared helpers for `npm run bench`. Benchmarks are measurements, not assertions: each section
 * returns rows and bench/run.ts prints them and writes bench/results.md.
 */

export interface BenchRow {
  name: string;
  /** unit of median and p95, e.g. "µs/call" */
  unit: string;
  median: number;
  p95: number;
  /** for rows whose target is a tail (e.g. Slack's ack deadline) */
  p99?: number;
  baseline?: { name: string; median: number; p95: number };
  /** baseline median / our median (how many times faster we are) */
  ratio?: number;
  /** human-readable goal, e.g. ">= 100x dayjs-business-time" */
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface Measurement {
  /** per-call times in microseconds, in run order */
  samples: number[];
  median: number;
  p95: number;
  mean: number;
}

export interface MeasureOptions {
  iterations: number;
  warmup: number;
  /**
   * Calls timed together per sample (each sample is divided by it). Sub-microsecond functions need
   * a batch: a single hrtime read costs tens of nanoseconds and would dominate the reading.
   */
  batch?: number;
}

/** Quantile q in [0, 1] of already sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Times `fn(i)` for i = 0 .. iterations-1 after `warmup` untimed calls (also given 0 ..
 * warmup-1, so a benchmark that cycles through cases warms the same cases it measures).
 */
export function measure(fn: (i: number) => unknown, { iterations, warmup, batch = 1 }: MeasureOptions): Measurement {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += batch) {
    const n = Math.min(batch, iterations - i);
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < n; k++) sink = fn(i + k);
    const t1 = process.hrtime.bigint();
    samples.push(Number(t1 - t0) / 1000 / n);
  }
  blackhole = sink;
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
  return { samples, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), mean };
}

// Results escape to module state so the JIT cannot treat the measured calls as dead code.
export let blackhole: unknown;

/** 0.4213 -> "0.421", 1234.5 -> "1,235": enough digits to compare rows by eye. */
export function fmt(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '';
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 10) return x.toFixed(1);
  if (Math.abs(x) >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

/** Deterministic PRNG (mulberry32) so every run benchmarks the same cases. */
export { seededRandom as prng } from '../src/seed/seeded-random.js';

/** One line per row, for a section run alone (`npx tsx bench/<section>.ts`). */
export function printRows(rows: BenchRow[]): void {
  for (const r of rows) {
    const parts = [`median ${fmt(r.median)} ${r.unit}`, `p95 ${fmt(r.p95)} ${r.unit}`];
    if (r.p99 !== undefined) parts.push(`p99 ${fmt(r.p99)} ${r.unit}`);
    if (r.baseline) parts.push(`baseline ${fmt(r.baseline.median)} ${r.unit} (${r.baseline.name})`);
    if (r.target) parts.push(`target ${r.target}: ${r.pass ? 'pass' : 'FAIL'}`);
    console.log(`${r.name}: ${parts.join(', ')}${r.note ? ` (${r.note})` : ''}`);
  }
}
