/**
 * An invoice preview of a busy month from the database: 10,000 jobs and 100,000 time entries of one
 * contract, loaded (`loadPeriod`: entries, parts, credits, approvals, permits) and rated. The rating
 * alone has its own section (target < 1 s); this one shows what the database adds on the embedded
 * PGlite and, when one is available, on a Postgres server.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client.js';
import { createApp } from '../src/app.js';
import { loadPeriod, priorUsage } from '../src/billing/rating-input.js';
import { termsOf } from '../src/contracts/version-at.js';
import { FakeClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { rateInvoice } from '../src/rules/rating/index.js';
import { seedDemo } from '../src/seed/demo.js';
import { quantile, type BenchRow } from './lib.js';
import { benchPostgres } from './postgres.js';

const JOBS = 10_000;
const PER_JOB = 10;
const TECHS = 500;
export const PERIOD = { from: '2026-10-01', to: '2026-10-31' };

/**
 * October at Acme: jobs spread over the month's working days and both sites, each with ten 45-minute
 * entries by one of 500 technicians (about six entries a technician a day, some after hours), and a
 * part on every fifth job.
 */
export async function seedBusyMonth(database: Database): Promise<void> {
  const app = createApp(parseConfig({ SHELL: '0', SCHEDULER: '0', ACTION_SECRET: 'bench', DATA_DIR: '/tmp/contract-ops-bench' }), database, new FakeClock(new Date('2026-11-02T09:00:00Z')), silentLogger, []);
  await seedDemo(app.ctx);
  const db = database.db;
  await db.execute(sql`insert into people (name, email, roles) select 'Tech ' || g, 'tech' || g || '@bench.example', '{technician}' from generate_series(1, ${TECHS}) g`);
  await db.execute(sql`
    insert into jobs (ref, contract_id, contract_version, site_id, priority, status, summary, reported_at, response_state, restore_state, sla)
    select 'J-' || (100000 + g), 'ACME-HVAC', 1, case when g % 2 = 0 then 'PAR-HQ' else 'LYO-DC' end, 'P3', 'resolved', 'bench job',
      timestamptz '2026-10-01 05:00:00+00' + ((g % 30) * interval '1 day'), 'met', 'met', '{}'::jsonb
    from generate_series(1, ${JOBS}) g`);
  await db.execute(sql`
    insert into time_entries (job_id, person_id, code, kind, start_at, end_at)
    select j.id, (select min(id) from people where email like 'tech%@bench.example') + ((j.id * ${PER_JOB} + k) % ${TECHS}),
      case when k = 0 and j.id % 3 = 0 then 'HVAC-PM' else 'HVAC-LAB' end, 'labour',
      j.reported_at + interval '1 hour' + (k * interval '50 minutes'),
      j.reported_at + interval '1 hour' + (k * interval '50 minutes') + interval '45 minutes'
    from jobs j cross join generate_series(0, ${PER_JOB - 1}) k where j.summary = 'bench job'`);
  await db.execute(sql`
    insert into part_uses (job_id, sku, qty, at)
    select id, case when id % 10 = 0 then 'COMP-5T' else 'FILTER-20X25' end, 1, reported_at + interval '2 hours' from jobs where summary = 'bench job' and id % 5 = 0`);
  await db.execute(sql`analyze`);
}

async function measure(name: string, database: Database, runs: number): Promise<BenchRow[]> {
  await seedBusyMonth(database);
  const load: number[] = [];
  const rate: number[] = [];
  const rateCpu: number[] = [];
  let lines = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const terms = await termsOf(database.db, 'ACME-HVAC');
    const prior = await priorUsage(database.db, terms, PERIOD);
    const loaded = await loadPeriod(database.db, terms, PERIOD, prior);
    const t1 = process.hrtime.bigint();
    // CPU time as well: on a shared machine the wall clock measures the neighbours.
    const cpu0 = process.cpuUsage();
    const r = rateInvoice(loaded.input);
    const cpu = process.cpuUsage(cpu0);
    const t2 = process.hrtime.bigint();
    load.push(Number(t1 - t0) / 1e6);
    rate.push(Number(t2 - t1) / 1e6);
    rateCpu.push((cpu.user + cpu.system) / 1000);
    lines = r.lines.length;
    if (loaded.input.timeEntries.length < JOBS * PER_JOB) throw new Error(`bench loaded only ${loaded.input.timeEntries.length} entries`);
  }
  const row = (what: string, ms: number[], note?: string): BenchRow => {
    const s = [...ms].sort((a, b) => a - b);
    return { name: `billing ${name}: ${what}`, unit: 'ms', median: quantile(s, 0.5), p95: quantile(s, 0.95), ...(note ? { note } : {}) };
  };
  const total = load.map((l, i) => l + rate[i]!);
  const cpu = [...rateCpu].sort((a, b) => a - b);
  return [
    row('load a month (10k jobs, 100k entries), wall', load),
    { ...row('rate it, CPU', rateCpu), target: '< 1000 ms', pass: quantile(cpu, 0.5) < 1000 },
    row('rate it, wall', rate),
    row('invoice preview (load + rate), wall', total, `${lines} lines; ${runs} runs after seeding; the load includes the prior-usage catch-up (no earlier invoice: January to September rated empty)`),
  ];
}

export async function benchBilling(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const lite = await openDatabase({});
  try {
    rows.push(...(await measure('PGlite', lite, 3)));
  } finally {
    await lite.close();
  }
  const pg = await benchPostgres();
  if (pg) {
    try {
      const url = await pg.freshDatabase('contract_ops_bench_billing');
      const server = await openDatabase({ url, max: 4 });
      try {
        rows.push(...(await measure('Postgres', server, 5)));
      } finally {
        await server.close();
      }
    } finally {
      await pg.stop();
    }
  }
  return rows;
}

// Run alone: npx tsx bench/billing.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchBilling()) console.log(`${r.name}: median ${r.median.toFixed(0)} ${r.unit}, p95 ${r.p95.toFixed(0)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
