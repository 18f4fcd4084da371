/**
 * Preventive visits from each contract's `recurring` rules, created as jobs up to a horizon ahead
 * (RECURRING_HORIZON_DAYS), each with its SLA clocks like any job.
 *
 * - Idempotent: a visit is keyed `<contract>:<site>:<code>:<local date>` in jobs.recurrence_key
 *   (unique) and inserted with ON CONFLICT DO NOTHING, so a second tick or replica creates nothing.
 *   A cancelled or moved visit keeps its key, so it is never created again.
 * - Reported at the start of the visit's local day in the site's zone: the clocks start at the
 *   next open minute of their calendar that day, not weeks early when the job is generated.
 * - The rules of the contract version in force on the visit's date apply (an amendment that drops
 *   a rule stops its visits from its effective date).
 * - Counted against site caps: a covered visit code at a site with `caps` is numbered in its cap
 *   period (planned and done covered visits, cancelled ones not); a visit beyond the cap is still
 *   planned (preventive work is promised) but says so, and the team's dispatch channel is told it
 *   bills at the overrun rate unless an out-of-scope request is approved.
 * - Given to a technician by the reassignment rule (src/dispatch/plan-assign.ts), or flagged to
 *   the team's dispatch channel when nobody qualified is on shift that day.
 */
import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { contracts, jobEvents, jobs, timeEntries } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { allVersions, type ContractVersion } from '../contracts/store.js';
import { siteZone } from '../contracts/save-terms.js';
import { afterJobChange } from '../jobs/hooks.js';
import { jobRef, loadJob, refreshSla } from '../jobs/job-store.js';
import { assignPlannedVisit } from '../dispatch/plan-assign.js';
import { versionOn } from '../kpi/scope.js';
import { enqueuePost } from '../notify/enqueue.js';
import { noticePayload } from '../notify/notice.js';
import type { Contract, Priority, Site } from '../rules/contract-types.js';
import { slaWindowFor } from '../rules/sla.js';
import { withTickLock } from '../scheduler/lock.js';
import { inLanguage } from '../i18n/current.js';
import type { Lang } from '../i18n/lang.js';
import { readerDate } from '../i18n/format.js';
import { t } from '../i18n/t.js';
import { unitWord } from '../i18n/unit-word.js';
import { teamLang } from '../reader-lang.js';
import { capPeriod, occurrences, recurrenceKey } from './occurrences.js';

export interface PlannedVisit {
  key: string;
  contractId: string;
  version: number;
  site: Site;
  zone: string;
  code: string;
  name: string;
  priority: Priority;
  date: string;
  /** the rate is a covered visit: it uses one of the site's capped visits */
  coveredVisit: boolean;
}

export interface RecurringResult {
  created: { ref: string; key: string }[];
  /** visits planned beyond their site's cap */
  overCap: string[];
  /** visits nobody qualified could be given (the dispatch channel is told) */
  unassigned: string[];
}

export async function runRecurring(ctx: Ctx, horizonDays: number): Promise<RecurringResult | undefined> {
  return withTickLock(ctx, 'recurring-visits', (tx) => generateVisits(tx, horizonDays));
}

/** Every visit due from today to today + horizon (local dates of each site), not created yet. */
export function plannedVisits(contractId: string, versions: ContractVersion[], now: Date, horizonDays: number): PlannedVisit[] {
  const out: PlannedVisit[] = [];
  const seen = new Set<string>();
  const scope = { id: contractId, team: '', customerName: '', versions };
  for (const v of versions) {
    for (const rule of v.contract.recurring) {
      for (const siteId of rule.sites) {
        const site = v.contract.sites.find((s) => s.id.toLowerCase() === siteId.toLowerCase());
        if (!site) continue;
        const zone = siteZone(v.contract, site.calendar);
        const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
        const until = DateTime.fromJSDate(now, { zone }).plus({ days: horizonDays }).toISODate()!;
        for (const date of occurrences(rule.rule, v.contract.term, today, until)) {
          // Only the version in force that day plans the visit.
          if (versionOn(scope, date).version !== v.version) continue;
          const rate = v.contract.rates.find((r) => r.code.toLowerCase() === rule.code.toLowerCase());
          const key = recurrenceKey(contractId, site.id, rate?.code ?? rule.code, date);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            key,
            contractId,
            version: v.version,
            site,
            zone,
            code: rate?.code ?? rule.code,
            name: rate?.name ?? rule.code,
            priority: rule.priority,
            date,
            coveredVisit: !!rate && rate.covered && rate.unit === 'visit',
          });
        }
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : 1));
}

/** Covered visits a site has used or planned in a cap period (not counting cancelled jobs). */
async function capUsed(ctx: Ctx, c: Contract, p: PlannedVisit, period: { from: string; to: string }): Promise<number> {
  const start = DateTime.fromISO(period.from, { zone: p.zone }).startOf('day').toJSDate().toISOString();
  const end = DateTime.fromISO(period.to, { zone: p.zone }).plus({ days: 1 }).startOf('day').toJSDate().toISOString();
  const covered = c.rates.filter((r) => r.covered && r.unit === 'visit').map((r) => r.code);
  if (!covered.length) return 0;
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(
      and(
        eq(jobs.contractId, p.contractId),
        eq(jobs.siteId, p.site.id),
        ne(jobs.status, 'cancelled'),
        sql`${jobs.reportedAt} >= ${start}::timestamptz and ${jobs.reportedAt} < ${end}::timestamptz`,
        sql`((${isNotNull(jobs.recurrenceKey)} and ${inArray(jobs.taskCode, covered)})
          or exists (select 1 from ${timeEntries} te where te.job_id = ${jobs.id} and te.deleted_at is null and te.code in ${sql`(${sql.join(
            covered.map((x) => sql`${x}`),
            sql`, `,
          )})`}))`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function generateVisits(ctx: Ctx, horizonDays: number): Promise<RecurringResult> {
  const now = ctx.clock.now();
  const result: RecurringResult = { created: [], overCap: [], unassigned: [] };
  /** each team's language, read once per run: every visit summary of a team is written in it */
  const langs = new Map<string, Lang>();
  for (const row of await ctx.db.select().from(contracts).orderBy(contracts.id)) {
    const versions = await allVersions(ctx.db, row.id);
    const planned = plannedVisits(row.id, versions, now, horizonDays);
    if (!planned.length) continue;
    const taken = new Set(
      (await ctx.db.select({ key: jobs.recurrenceKey }).from(jobs).where(inArray(jobs.recurrenceKey, planned.map((p) => p.key)))).map((r) => r.key),
    );
    for (const p of planned) {
      if (taken.has(p.key)) continue;
      const v = versions.find((x) => x.version === p.version)!;
      let overCap: { n: number; visits: number; per: string } | undefined;
      if (p.coveredVisit && p.site.caps) {
        const period = capPeriod(p.date, p.site.caps.per);
        const n = (await capUsed(ctx, v.contract, p, period)) + 1;
        if (n > p.site.caps.visits) {
          overCap = { n, visits: p.site.caps.visits, per: p.site.caps.per };
          result.overCap.push(p.key);
        }
      }
      const team = v.contract.team;
      const lang = langs.get(team) ?? (await teamLang(ctx.db, team, ctx.services.defaultLanguage));
      langs.set(team, lang);
      const ref = await createVisit(ctx, v, p, lang, overCap);
      if (!ref) continue;
      result.created.push({ ref, key: p.key });
      const given = await assignPlannedVisit(ctx, await loadJob(ctx.db, ref), v.contract, p.zone, p.date);
      if ('flagged' in given) result.unassigned.push(ref);
      if (overCap) {
        await enqueuePost(ctx, {
          key: `recurring-cap:${p.key}`,
          teamId: v.contract.team,
          purpose: 'dispatch',
          subjectKind: 'notice',
          subjectId: ref,
          payload: noticePayload({ kind: 'planned-over-cap', ref, name: p.name, site: p.site.id, date: p.date, contract: p.contractId, n: overCap.n, visits: overCap.visits, per: overCap.per }),
        });
      }
    }
  }
  return result;
}

/**
 * One planned visit as a job, in the tick's transaction; null if another process made it first.
 * Its summary is written once, in the team's language, as a person would have typed it.
 */
async function createVisit(ctx: Ctx, v: ContractVersion, p: PlannedVisit, lang: Lang, overCap: { n: number; visits: number; per: string } | undefined): Promise<string | null> {
  slaWindowFor(v.contract, p.site.id, p.priority); // a rule whose priority has no SLA fails loudly
  const reportedAt = DateTime.fromISO(p.date, { zone: p.zone }).startOf('day').toJSDate();
  const summary = inLanguage(lang, () =>
    t('recurring.summary', {
      name: p.name,
      code: p.code,
      date: readerDate(p.date),
      overCap: overCap ? 'yes' : 'no',
      ...(overCap ? { n: overCap.n, visits: overCap.visits, per: unitWord(overCap.per), site: p.site.id } : { n: 0, visits: 0, per: '', site: '' }),
    }),
  );
  const [row] = await ctx.db
    .insert(jobs)
    .values({
      ref: `pending-${p.key}`,
      contractId: p.contractId,
      contractVersion: p.version,
      siteId: p.site.id,
      priority: p.priority,
      status: 'open',
      summary,
      taskCode: p.code,
      reportedAt,
      responseState: 'running',
      restoreState: 'running',
      sla: { alerted: [] },
      recurrenceKey: p.key,
    })
    .onConflictDoNothing({ target: jobs.recurrenceKey })
    .returning();
  if (!row) return null;
  const ref = jobRef(row.id);
  await ctx.db.update(jobs).set({ ref }).where(eq(jobs.id, row.id));
  const job = { ...row, ref };
  await ctx.db.insert(jobEvents).values({ jobId: job.id, at: reportedAt, kind: 'created', toValue: 'open', reason: summary, actorId: null, actorLabel: ctx.actor.label });
  await refreshSla(ctx, job);
  await audit(ctx, 'job.created', { kind: 'job', id: ref }, { contract: p.contractId, version: p.version, site: p.site.id, priority: p.priority, recurring: p.key });
  await afterJobChange(ctx, job, 'created');
  return ref;
}
