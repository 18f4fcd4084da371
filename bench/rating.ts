/**
 * Rating throughput: a month of 10,000 jobs with 100,000 time entries on two pilot contracts,
 * read from examples/contracts. Target: under 1 s per month.
 */
import { readFileSync } from 'node:fs';
import { parseContractText } from '../src/rules/contract-schema.js';
import type { Contract } from '../src/rules/contract-types.js';
import { rateInvoice, type PartUse, type RatingInput, type RatingJob, type TimeEntry } from '../src/rules/rating/index.js';
import { quantile, type BenchRow } from './lib.js';

function load(file: string): Contract {
  const r = parseContractText(readFileSync(new URL(`../examples/contracts/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`${file} does not load`);
  return r.contract;
}

function month(c: Contract, codes: string[], jobsN: number, perJob: number): RatingInput {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const base = Date.parse('2026-10-01T06:00:00Z');
  const jobs: RatingJob[] = [];
  const timeEntries: TimeEntry[] = [];
  const parts: PartUse[] = [];
  for (let j = 0; j < jobsN; j++) {
    jobs.push({ id: `J${j}`, siteId: c.sites[j % c.sites.length]!.id, priority: 'P2', reportedAt: new Date(base) });
    const day = Math.floor(rnd() * 29);
    // A job's entries follow each other through the day (technicians do not overlap themselves).
    let t = base + day * 86_400_000 + Math.floor(rnd() * 14 * 60) * 60_000;
    for (let k = 0; k < perJob; k++) {
      const minutes = 10 + Math.floor(rnd() * 120);
      timeEntries.push({ id: `T${j}-${k}`, jobId: `J${j}`, technicianId: `tech-${j % 400}-${k % 2}`, code: codes[k % codes.length]!, kind: k === 0 ? 'travel' : 'labour', start: new Date(t), end: new Date(t + minutes * 60_000) });
      t += (minutes + Math.floor(rnd() * 30)) * 60_000;
    }
    parts.push({ id: `P${j}`, jobId: `J${j}`, sku: c.parts[j % c.parts.length]!.sku, qty: 1, at: new Date(t) });
  }
  return {
    versions: [{ contract: c, version: 1, effectiveFrom: c.term.start }],
    period: { from: '2026-10-01', to: '2026-10-31' },
    jobs,
    timeEntries,
    parts,
    extras: [],
    credits: [],
    prior: { prepaidMinutesUsed: [0], siteVisitsUsed: {} },
  };
}

export async function benchRating(): Promise<BenchRow[]> {
  const cases: [string, Contract, string[]][] = [
    ['ACME-HVAC', load('acme-hvac.yaml'), ['HVAC-LAB', 'HVAC-LAB', 'HVAC-PM', 'HVAC-LAB', 'HVAC-CALL']],
    ['NORTHWIND-TEL', load('northwind-telecom.yaml'), ['NET-ENG', 'NET-ENG', 'NET-SWAP', 'FIBRE-SPLICE', 'NET-ENG']],
  ];
  const rows: BenchRow[] = [];
  for (const [id, contract, codes] of cases) {
    const data = month(contract, codes, 10_000, 10);
    rateInvoice(data); // warm-up: calendar caches, JIT
    const ms: number[] = [];
    let lines = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      lines = rateInvoice(data).lines.length;
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    rows.push({ name: `rating a month: ${id}, 10,000 jobs, 100,000 entries`, unit: 'ms', median: quantile(ms, 0.5), p95: quantile(ms, 0.95), target: '< 1 s', pass: quantile(ms, 0.95) < 1000, note: `${lines} invoice lines` });
  }
  return rows;
}
