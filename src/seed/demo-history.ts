/**
 * The demo's past: weeks of work on the five pilot contracts, generated deterministically (a
 * seeded PRNG, every instant relative to `end`) and written through the verbs as the people would
 * have recorded it: jobs reported, given to a technician holding the contract's skills, worked,
 * resolved and closed (a few late: the monitor's alerts and SLA credits), time and parts,
 * checklists where the contract asks for them, out-of-scope approvals (one refused), a goodwill
 * credit, planned visits, renewal packs, each month's invoices issued in the next month, and a few
 * disputes. A fake clock walks through the weeks; each simulated day is one transaction, with the
 * scheduler's ticks (SLA monitor, planned visits, renewal packs) inside it.
 *
 * Customer e-mail drafts are not part of this past (the messages feature's job hook is left out,
 * the quotes of out-of-scope work are discarded as agreed by phone), so a first start does not
 * announce old drafts. The open jobs of "now" are
 * openDemoJobs' (demo-open-jobs.ts).
 */
import { seededRandom } from './seeded-random.js';
import { and, desc, eq, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { customerMessages, jobs, people, sites } from '../../db/schema.js';
import { decide } from '../approvals/decide.js';
import { requestGoodwillCredit } from '../approvals/request-goodwill-credit.js';
import { requestOutOfScope } from '../approvals/request-out-of-scope.js';
import { raiseDispute } from '../billing/dispute.js';
import { issueInvoice } from '../billing/issue-invoice.js';
import { logPart } from '../billing/log-part.js';
import { logTime } from '../billing/log-time.js';
import { FakeClock } from '../clock.js';
import type { Ctx } from '../context.js';
import { schedulerActor } from '../context.js';
import { AppError } from '../errors.js';
import { features } from '../features.js';
import { assignJob } from '../jobs/assign-job.js';
import { changeStatus } from '../jobs/change-status.js';
import { createJob } from '../jobs/create-job.js';
import { getVersion } from '../contracts/store.js';
import { heldSkills } from '../dispatch/offers.js';
import { monitorTick } from '../jobs/monitor.js';
import { discardMessage } from '../messages/discard-message.js';
import { personByHandle } from '../people/person.js';
import { tickStep } from '../proof/tick-step.js';
import { generateVisits } from '../recurring/generate-visits.js';
import { renewalTick } from '../renewals/schedule.js';
import { jobSkills, skillWords } from '../rules/technician-offer.js';

/** Weeks of history the demo holds: the KPIs' 12 weeks and one before them, whose invoices the first weeks issue. */
export const DEMO_WEEKS = 13;

/**
 * The context without the messages feature's job hook: jobs of the demo's past (and its open jobs,
 * reported before the start) get no customer e-mail drafts, which the dispatcher handled then.
 */
export function withoutJobDrafts(ctx: Ctx): Ctx {
  const after = features.filter((f) => f.name !== 'messages').flatMap((f) => ('jobHooks' in f ? [...f.jobHooks] : []));
  return { ...ctx, services: { ...ctx.services, jobHooks: { ...ctx.services.jobHooks, after } } };
}


/** What each pilot's corrective work looks like. */
interface PilotWork {
  contract: string;
  sites: string[];
  /** the priorities its SLA has, as often as they come */
  priorities: string[];
  /** corrective jobs per week, on average */
  perWeek: number;
  /** the task code of its jobs (for PETRA, calibration: the skills rule asks confined-space entry) */
  taskCode?: string;
  labour: string;
  remote?: string;
  travel?: boolean;
  parts: string[];
  /** the contract's checklist for its labour, ticked before resolving (proof: reading or signature) */
  checklist?: { step: number; reading?: string; signature?: string }[];
  summaries: string[];
}

const PILOTS: PilotWork[] = [
  {
    contract: 'ACME-HVAC',
    priorities: ['P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P4'],
    sites: ['PAR-HQ', 'PAR-HQ', 'LYO-DC'],
    perWeek: 5,
    labour: 'HVAC-LAB',
    travel: true,
    parts: ['FILTER-20X25', 'BELT-A42', 'R410A-KG'],
    summaries: ['Chiller tripping on high pressure', 'AHU-2 belt squealing', 'Server room CRAC alarm', 'No cooling on floor 3', 'Condensate leak above meeting room 4B', 'BMS shows supply air drifting to 19 °C'],
  },
  {
    contract: 'BRIGHTDESK-IT',
    priorities: ['P1', 'P2', 'P2', 'P3', 'P3', 'P3'],
    sites: ['BD-NYC'],
    perWeek: 4,
    labour: 'IT-LAB',
    remote: 'IT-REMOTE',
    travel: true,
    parts: ['SSD-1TB', 'PSU-650'],
    summaries: ['Reception PC will not boot', 'Boardroom display has no signal', 'Printer on 12 jams every job', 'VPN drops for the sales floor', 'Laptop fan grinding, overheats', 'Badge reader offline at the side door'],
  },
  {
    contract: 'NORTHWIND-TEL',
    priorities: ['P1', 'P2', 'P2', 'P3', 'P3'],
    sites: ['LDN-CORE', 'MAN-AGG', 'LDS-EDGE'],
    perWeek: 3,
    labour: 'NET-ENG',
    parts: ['SFP-10G-LR', 'LC-PATCH-3M'],
    summaries: ['Uplink flapping on core-2', 'Optic power low on port 1/0/12', 'Cabinet door alarm', 'Packet loss towards the aggregation ring', 'PSU-B failed on the edge switch'],
  },
  {
    contract: 'PETRA-OG',
    priorities: ['P1', 'P2', 'P3', 'P3'],
    sites: ['HOU-TERM', 'PIPE-KP112'],
    perWeek: 2,
    taskCode: 'INSTR-CAL',
    labour: 'INSTR-CAL',
    parts: ['GASKET-RTJ-R24', 'PT-0-100BAR'],
    summaries: ['Flow meter reading 4% high', 'Pressure transmitter drifting at the manifold', 'Level gauge stuck on tank 7', 'Gas detector failed its bump test'],
  },
  {
    contract: 'STLUKE-BIOMED',
    priorities: ['P1', 'P2', 'P2', 'P3', 'P3'],
    sites: ['SLR-ICU', 'SLR-IMG'],
    perWeek: 3,
    labour: 'BIOMED-SVC',
    parts: ['BATT-LI-7'],
    checklist: [{ step: 1 }, { step: 2 }, { step: 3, reading: '0.1 mA' }, { step: 4, signature: 'Rosa Diaz, charge nurse' }],
    summaries: ['Infusion pump occlusion alarm', 'Patient monitor losing SpO2 trace', 'Defibrillator failed its daily self-test', 'Ventilator flow sensor fault', 'Imaging table will not lower'],
  },
];

/** The day of the month each contract's invoice for the month before is issued: spread, so every week sees one. */
const INVOICE_DAY: Record<string, number> = { 'ACME-HVAC': 3, 'BRIGHTDESK-IT': 9, 'NORTHWIND-TEL': 15, 'PETRA-OG': 21, 'STLUKE-BIOMED': 27 };

type Step = { at: Date; run: () => Promise<void> };

export interface DemoHistory {
  jobs: number;
  invoices: number;
  disputes: number;
  approvals: number;
  /** steps a verb refused (an overlap, a contract not in force that day): skipped, as a person would */
  skipped: number;
}

export interface DemoHistoryOptions {
  /** the instant the history runs up to (the demo's "now", or the start of its week) */
  end: Date;
  weeks: number;
  seed?: number;
}

/**
 * Write the history into a database holding the demo contracts and people (seedDemo). `ctx` is the
 * app's; its clock is not moved (a fake clock of its own walks through the weeks).
 */
export async function seedDemoHistory(ctx: Ctx, opts: DemoHistoryOptions): Promise<DemoHistory> {
  const rnd = seededRandom(opts.seed ?? 2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const clock = new FakeClock(opts.end);
  // No platform: the past's alerts and notices were read then, so none is delivered at the first start.
  const base: Ctx = { ...withoutJobDrafts(ctx), clock, services: { ...withoutJobDrafts(ctx).services, platforms: [] } };
  const handles = ['dana', 'lee', 'max', 'fiona', 'tom', 'tess'] as const;
  const who = Object.fromEntries(await Promise.all(handles.map(async (h) => [h, await personByHandle(ctx.root, h)] as const)));
  for (const h of handles) if (!who[h]) throw new Error(`demo history: no demo person ${h}; seed the demo first`);
  const zones = new Map((await ctx.root.select({ c: sites.contractId, id: sites.id, zone: sites.zone }).from(sites)).map((s) => [`${s.c}:${s.id}`, s.zone ?? 'UTC']));
  const techRows = await ctx.root.select().from(people).where(inArray(people.shellHandle, ['tom', 'tess']));
  const techSkills = new Map(techRows.map((r) => [r.shellHandle!, heldSkills(r)]));

  const out: DemoHistory = { jobs: 0, invoices: 0, disputes: 0, approvals: 0, skipped: 0 };
  const end = DateTime.fromJSDate(opts.end, { zone: 'UTC' });
  const start = end.minus({ weeks: opts.weeks }).startOf('day');
  clock.set(start.toJSDate());
  const queue: Step[] = [];
  const schedule = (when: Date, run: () => Promise<void>) => {
    // Nothing happens before the clock: a step planned for a moment already passed runs next.
    const at = new Date(Math.max(when.getTime(), clock.now().getTime()));
    if (at >= opts.end) return;
    let i = queue.length;
    while (i > 0 && queue[i - 1]!.at > at) i--;
    queue.splice(i, 0, { at, run });
  };
  let day: Ctx = base;
  const as = (h: (typeof handles)[number]): Ctx => ({ ...day, actor: { via: 'shell', person: who[h]!, label: `${who[h]!.name} (shell)` } });
  const sys = (): Ctx => ({ ...day, actor: schedulerActor });
  /** A refusal is what a person would have been told: the step is skipped, the day goes on. */
  const attempt = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      return true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ctx.log.debug({ at: clock.now(), err: err.message }, 'demo history: a step was refused');
      out.skipped++;
      return false;
    }
  };
  const busyUntil = new Map<string, number>([
    ['tom', 0],
    ['tess', 0],
  ]);

  /** Who takes a job: a technician holding the skills on that day, the one free soonest. */
  async function technicianFor(contract: string, taskCode: string | undefined, at: Date, zone: string): Promise<'tom' | 'tess'> {
    const v = await getVersion(day.db, contract);
    const needed = jobSkills(v.contract, taskCode ?? null);
    const today = DateTime.fromJSDate(at, { zone }).toISODate()!;
    const able = (['tess', 'tom'] as const).filter((h) => !skillWords(needed, techSkills.get(h) ?? [], today).lacking.length);
    return [...able].sort((a, b) => busyUntil.get(a)! - busyUntil.get(b)!)[0] ?? 'tom';
  }

  /** A job's life after it is reported: assigned, on its way, on site, worked, resolved, closed. */
  async function work(ref: string, p: PilotWork, tech: 'tom' | 'tess', reported: Date, responseDue: Date | null, restoreDue: Date | null, opts2: { planned?: boolean } = {}) {
    const r = reported.getTime();
    const now = clock.now().getTime();
    const late = rnd() < 0.12;
    const respSpan = responseDue ? responseDue.getTime() - r : 3_600_000;
    const enRoute = Math.max(now + between(8, 15) * 60_000, r + respSpan * (late ? between(1.1, 1.6) : between(0.25, 0.8)));
    const onSite = Math.max(enRoute + between(20, 50) * 60_000, busyUntil.get(tech)! + 45 * 60_000);
    const restoreSpan = restoreDue ? restoreDue.getTime() - onSite : 4 * 3_600_000;
    const workMin = Math.round(Math.min(Math.max(45, (restoreSpan / 60_000) * (late ? between(1.05, 1.4) : between(0.2, 0.6))), 300) / 5) * 5;
    const resolved = onSite + workMin * 60_000;
    busyUntil.set(tech, resolved);
    if (!opts2.planned) schedule(new Date(now + between(1, 5) * 60_000), async () => void (await attempt(() => assignJob(as('dana'), { job: ref, technician: tech }))));
    schedule(new Date(enRoute), async () => void (await attempt(() => changeStatus(as(tech), { job: ref, to: 'en_route' }))));
    schedule(new Date(onSite), async () => void (await attempt(() => changeStatus(as(tech), { job: ref, to: 'on_site' }))));
    if (!opts2.planned && rnd() < 0.3) schedule(new Date(onSite + 20 * 60_000), async () => void (await attempt(() => logPart(as(tech), { job: ref, sku: pick(p.parts), qty: 1 }))));
    schedule(new Date(resolved), async () => {
      for (const s of p.checklist ?? []) await attempt(() => tickStep(as(tech), { job: ref, step: s.step, reading: s.reading, signature: s.signature }));
      await attempt(() => changeStatus(as(tech), { job: ref, to: 'resolved' }));
    });
    const code = opts2.planned ? undefined : p.remote && rnd() < 0.2 ? p.remote : p.labour;
    schedule(new Date(resolved + between(10, 90) * 60_000), async () => {
      if (p.travel && rnd() < 0.6) await attempt(() => logTime(as(tech), { job: ref, kind: 'travel', start: new Date(onSite - 40 * 60_000), end: new Date(onSite) }));
      await attempt(() => logTime(as(tech), { job: ref, start: new Date(onSite), end: new Date(resolved), code }));
    });
    schedule(new Date(resolved + between(20, 40) * 3_600_000), async () => void (await attempt(() => changeStatus(as('dana'), { job: ref, to: 'closed' }))));
  }

  // Corrective jobs, reported through the weeks: office sites in their working day, 24x7 ones at any hour.
  for (const p of PILOTS) {
    const total = Math.round((p.perWeek * opts.weeks * (0.85 + rnd() * 0.3)));
    for (let i = 0; i < total; i++) {
      const site = pick(p.sites);
      const zone = zones.get(`${p.contract}:${site}`) ?? 'UTC';
      const dayOffset = Math.floor(rnd() * opts.weeks * 7);
      let local = start.plus({ days: dayOffset }).setZone(zone).startOf('day');
      const always = ['LDN-CORE', 'PIPE-KP112', 'SLR-ICU'].includes(site);
      if (!always && local.weekday > 5) local = local.plus({ days: 8 - local.weekday });
      const hour = always && rnd() < 0.25 ? between(0, 24) : between(8, 16.5);
      const reported = local.plus({ minutes: Math.round(hour * 60) }).toJSDate();
      const priority = pick(p.priorities);
      const summary = pick(p.summaries);
      schedule(new Date(reported.getTime() + between(2, 10) * 60_000), async () => {
        let made: Awaited<ReturnType<typeof createJob>> | undefined;
        const ok = await attempt(async () => (made = await createJob(as('dana'), { contract: p.contract, site, priority, summary, at: reported, taskCode: p.taskCode })));
        if (!ok || !made) return;
        out.jobs++;
        const tech = await technicianFor(p.contract, p.taskCode, reported, zone);
        await work(made.ref, p, tech, reported, made.job.responseDueAt, made.job.restoreDueAt);
      });
    }
  }

  // Out-of-scope work asked and decided (one refused), and a goodwill credit.
  const oosAt = [0.2, 0.45, 0.7, 0.9].map((f) => start.plus({ days: Math.floor(f * opts.weeks * 7) }).set({ hour: 15 }).toJSDate());
  oosAt.forEach((at, n) =>
    schedule(at, async () => {
      const contract = n === 2 ? 'NORTHWIND-TEL' : 'ACME-HVAC';
      const [job] = await day.db
        .select({ ref: jobs.ref, assigneeId: jobs.assigneeId })
        .from(jobs)
        .where(and(eq(jobs.contractId, contract), isNotNull(jobs.assigneeId), inArray(jobs.status, ['on_site', 'en_route', 'assigned'])))
        .orderBy(desc(jobs.id))
        .limit(1);
      if (!job) return;
      let id: number | undefined;
      const handle = job.assigneeId === who.tom!.id ? 'tom' : 'tess';
      const tech = as(handle);
      const asked = await attempt(async () => {
        const s = await requestOutOfScope(tech, contract === 'ACME-HVAC' ? { job: job.ref, code: 'DUCT-CLEAN', minutes: 180 } : { job: job.ref, code: 'SURVEY', quantity: 1 });
        id = s.row.id;
      });
      if (!asked || id === undefined) return;
      out.approvals++;
      const refuse = contract === 'NORTHWIND-TEL';
      schedule(new Date(at.getTime() + 40 * 60_000), async () => {
        const decided = await attempt(() => decide(as('max'), { approval: id!, approve: !refuse, reason: refuse ? 'The upgrade survey is budgeted for Q1; quote it again in January.' : 'Agreed with the facilities manager.' }));
        if (decided && !refuse) {
          schedule(new Date(at.getTime() + 4 * 3_600_000 + 10 * 60_000), async () => {
            await attempt(() => logTime(as(handle), { job: job.ref, start: new Date(at.getTime() + 3_600_000), end: new Date(at.getTime() + 4 * 3_600_000), code: 'DUCT-CLEAN' }));
          });
        }
      });
    }),
  );
  schedule(start.plus({ days: Math.floor(opts.weeks * 7 * 0.55) }).set({ hour: 16 }).toJSDate(), async () => {
    let id: number | undefined;
    if (await attempt(async () => (id = (await requestGoodwillCredit(as('dana'), { target: 'BRIGHTDESK-IT', amount: 15000, reason: 'Three visits for the same printer fault' })).row.id))) {
      out.approvals++;
      schedule(new Date(clock.now().getTime() + 2 * 3_600_000), async () => void (await attempt(() => decide(as('max'), { approval: id!, approve: true, reason: 'Goodwill agreed with the account manager.' }))));
    }
  });

  // Each month's invoice, issued by finance in the next month; a few lines disputed days later.
  for (let m = start.minus({ months: 1 }).startOf('month'); m < end; m = m.plus({ months: 1 })) {
    for (const [contract, dayOfMonth] of Object.entries(INVOICE_DAY)) {
      const issueAt = m.plus({ months: 1 }).set({ day: dayOfMonth, hour: 10 }).toJSDate();
      const period = m.toFormat('yyyy-MM');
      schedule(issueAt, async () => {
        let issued: Awaited<ReturnType<typeof issueInvoice>> | undefined;
        if (!(await attempt(async () => (issued = await issueInvoice(as('fiona'), { contract, period }))))) return;
        out.invoices++;
        const labour = issued!.lines.filter((l) => l.kind === 'labour');
        if (labour.length && rnd() < 0.45) {
          const line = pick(labour).lineNo;
          const number = issued!.invoice.number;
          schedule(new Date(issueAt.getTime() + between(2, 6) * 86_400_000), async () => {
            if (await attempt(() => raiseDispute(as('fiona'), { invoice: number, line, reason: pick(['The customer says the engineer left at 15:00, not 16:30.', 'Covered under the warranty, says the customer.', 'Overtime was not agreed for this visit.']) }))) out.disputes++;
          });
        }
      });
    }
  }

  // Day by day: the scheduler's ticks in the morning, then the day's steps in time order, the
  // monitor between them as the scheduler would have run it.
  for (let d = start; d < end; d = d.plus({ days: 1 })) {
    const dayEnd = DateTime.min(d.plus({ days: 1 }), end).toJSDate();
    await ctx.root.transaction(async (tx) => {
      day = { ...base, db: tx };
      clock.set(d.plus({ hours: 4 }).toJSDate());
      await generateVisits(sys(), 14);
      await renewalTick(sys());
      // Planned visits of this day: worked by their technician (or given by the dispatcher) that morning.
      const visits = await tx
        .select()
        .from(jobs)
        .where(and(isNotNull(jobs.recurrenceKey), gte(jobs.reportedAt, d.toJSDate()), lt(jobs.reportedAt, dayEnd), inArray(jobs.status, ['open', 'assigned'])));
      for (const v of visits) {
        const p = PILOTS.find((x) => x.contract === v.contractId)!;
        const zone = zones.get(`${v.contractId}:${v.siteId}`) ?? 'UTC';
        const morning = DateTime.fromJSDate(v.reportedAt, { zone }).set({ hour: 9 }).toJSDate();
        let tech: 'tom' | 'tess' = v.assigneeId === who.tom!.id ? 'tom' : 'tess';
        if (!v.assigneeId) {
          tech = await technicianFor(v.contractId, v.taskCode ?? undefined, morning, zone);
          schedule(new Date(morning.getTime() - 30 * 60_000), async () => void (await attempt(() => assignJob(as('dana'), { job: v.ref, technician: tech }))));
        }
        await work(v.ref, { ...p, checklist: v.taskCode === 'PM-INFUSION' ? [] : p.checklist }, tech, morning, null, null, { planned: true });
      }
      let monitored = clock.now().getTime();
      while (queue.length && queue[0]!.at < dayEnd) {
        const step = queue.shift()!;
        if (step.at.getTime() - monitored > 3_600_000) {
          clock.set(new Date(step.at.getTime() - 60_000));
          await monitorTick(sys(), 2000);
          monitored = step.at.getTime();
        }
        clock.set(step.at);
        await step.run();
      }
      clock.set(new Date(dayEnd.getTime() - 1000));
      await monitorTick(sys(), 2000);
    });
  }
  // The quotes drafted for out-of-scope work were agreed by phone, the invoices e-mailed from the
  // accounting tool at the time: their drafts are discarded, so none waits at the start.
  await ctx.root.transaction(async (tx) => {
    day = { ...base, db: tx };
    for (const m of await tx.select({ id: customerMessages.id, kind: customerMessages.kind }).from(customerMessages).where(eq(customerMessages.status, 'draft'))) {
      const invoice = m.kind === 'invoice';
      await attempt(() => discardMessage(as(invoice ? 'fiona' : 'dana'), { message: m.id, reason: invoice ? 'Sent from the accounting tool at the time.' : 'Agreed by phone with the customer.' }));
    }
  });
  return out;
}
