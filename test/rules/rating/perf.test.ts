/**
 * The product target: a month of 10,000 jobs and 100,000 time entries rated in under 1 s. CI machines
 * are shared and noisy, so the assertion only guards against a blow-up (quadratic work, per-minute
 * loops); the measured time is printed for the record.
 */
import { expect, test } from 'vitest';
import type { Contract } from '../../../src/rules/contract-types.js';
import { rateInvoice, type PartUse, type RatingJob, type TimeEntry } from '../../../src/rules/rating/index.js';
import { input, variant } from './helpers.js';
import { acmeHand, northwindHand } from './pilots.js';

function month(c: Contract, codes: string[], jobsN: number, perJob: number) {
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
      timeEntries.push({
        id: `T${j}-${k}`,
        jobId: `J${j}`,
        technicianId: `tech-${j % 400}-${k % 2}`,
        code: codes[k % codes.length]!,
        kind: k === 0 ? 'travel' : 'labour',
        start: new Date(t),
        end: new Date(t + minutes * 60_000),
      });
      t += (minutes + Math.floor(rnd() * 30)) * 60_000;
    }
    parts.push({ id: `P${j}`, jobId: `J${j}`, sku: c.parts[j % c.parts.length]!.sku, qty: 1, at: new Date(t) });
  }
  return input(c, { from: '2026-10-01', to: '2026-10-31' }, { jobs, timeEntries, parts, prior: { prepaidMinutesUsed: [0], siteVisitsUsed: {} } });
}

test.each([
  ['ACME-HVAC', acmeHand, ['HVAC-LAB', 'HVAC-LAB', 'HVAC-PM', 'HVAC-LAB', 'HVAC-CALL']],
  ['NORTHWIND-TEL', variant(northwindHand, {}), ['NET-ENG', 'NET-ENG', 'NET-SWAP', 'FIBRE-SPLICE', 'NET-ENG']],
] as const)('%s: 10,000 jobs and 100,000 time entries', (_id, contract, codes) => {
  const data = month(contract, [...codes], 10_000, 10);
  expect(data.timeEntries).toHaveLength(100_000);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = rateInvoice(data);
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  console.log(`${_id}: ${r.lines.length} lines from 100,000 entries in ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`);
  expect(r.minutes.logged).toBe(data.timeEntries.reduce((s, e) => s + (e.end.getTime() - e.start.getTime()) / 60_000, 0));
  // CPU time, not wall time: a shared CI machine can stretch the wall clock many times over.
  expect((cpu.user + cpu.system) / 1000).toBeLessThan(15_000);
}, 120_000);
