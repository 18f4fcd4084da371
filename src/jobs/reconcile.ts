/**
 * What was concluded from a job's older history, made true again after the history changed (a
 * back-dated event, a priority fix): alerts that no longer apply are closed with a reason and their
 * posted cards updated; SLA credits no longer owed (or owed at another amount, under another
 * version or from another breach instant, as after an amendment reaching back) get an audited
 * reversing entry. Nothing is deleted. Runs inside the job verb's transaction, from `refreshSla`.
 */
import { slaBreachReason } from '../rules/rating/line-words.js';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alerts, credits } from '../../db/schema.js';
import { audit } from '../audit.js';
import { creditRule } from '../billing/rating-input.js';
import type { Ctx } from '../context.js';
import { firstZone } from '../contracts/save-terms.js';
import type { ContractVersion } from '../contracts/store.js';
import { enqueueUpdate } from '../notify/enqueue.js';
import type { Priority, WindowName } from '../rules/contract-types.js';
import { creditOwed, periodOf } from '../rules/sla-credits.js';
import { explainText } from './sla-text.js';
import { customerVoice, type CustomerVoice } from '../i18n/customer.js';
import { wordLine } from '../billing/line-text.js';
import type { SlaState, WindowState } from '../rules/sla.js';
import type { JobRow } from './job-store.js';

/**
 * Whether an alert level ("75%", "breach") still holds for a window in its recomputed state. A
 * warning is a call to act before the breach: once the window is met it no longer applies.
 */
export function levelHolds(ws: WindowState, level: string): boolean {
  if (ws.breached) return true;
  if (level === 'breach' || ws.stoppedAt) return false;
  const fraction = Number.parseFloat(level) / 100;
  return ws.targetMinutes > 0 && ws.elapsedMinutes >= fraction * ws.targetMinutes - 1e-9;
}

/** "Response P2: met (on site) Mon 10:00 CET after 2h" : the window's headline, the reason a conclusion changed. */
function headline(ws: WindowState, zone: string, voice: CustomerVoice = ENGLISH): string {
  const sep = voice.lang === 'fr' ? '\u00a0: ' : ': ';
  return explainText(ws, zone, voice.lang, voice.locale).split(sep).slice(0, 2).join(sep);
}

const ENGLISH = customerVoice('en-GB');

/**
 * Why credit `c` is reversed, in `voice`'s language: the contract's for the reversing credit (its
 * invoice line shows it), English for the audit trail.
 */
function reversalReason(voice: CustomerVoice, c: typeof credits.$inferSelect, ws: WindowState, zone: string, w: WindowName, under: Priority, rule: string): string {
  const head = headline(ws, zone, voice);
  const why = !ws.breached
    ? head
    : c.priority && c.priority !== under
      ? voice.t('credit-reversal.other-priority', { window: w, under, was: c.priority, headline: head })
      : voice.t('credit-reversal.other-version', { window: w, rule, headline: head });
  const credit = wordLine({ kind: 'credit', description: c.reason, rule: '' }, voice.locale).description;
  return voice.t('credit-reversal.reason', { id: String(c.id), credit, why });
}

export interface Reconciled {
  alerted: Set<string>;
  closedAlerts: number[];
  reversedCredits: number[];
  newCredits: number[];
}

/**
 * Compare the stored conclusions with `state` (the SLA recomputed from the complete history) and
 * return the alerted set the job row should keep: levels that no longer hold are dropped, so they
 * alert again if a later change makes them true.
 */
export async function reconcileJob(ctx: Ctx, job: JobRow, version: ContractVersion, state: SlaState, alerted: Set<string>, zone: string): Promise<Reconciled> {
  const out: Reconciled = { alerted: new Set(alerted), closedAlerts: [], reversedCredits: [], newCredits: [] };
  for (const key of alerted) {
    const [w, level] = key.split(':') as [WindowName, string];
    const ws = state.windows[w];
    if (ws && !levelHolds(ws, level)) out.alerted.delete(key);
  }

  const open = await ctx.db.select().from(alerts).where(and(eq(alerts.jobId, job.id), isNull(alerts.closedAt)));
  for (const a of open) {
    const ws = state.windows[a.window as WindowName];
    if (!ws || levelHolds(ws, a.level)) continue;
    const reason = `No longer applies: ${headline(ws, zone)}.`;
    await ctx.db.update(alerts).set({ closedAt: ctx.clock.now(), closedReason: reason }).where(eq(alerts.id, a.id));
    await enqueueUpdate(ctx, 'alert', a.id, 'closed');
    await audit(ctx, 'alert.closed', { kind: 'alert', id: String(a.id) }, { job: job.ref, window: a.window, level: a.level, reason });
    out.closedAlerts.push(a.id);
  }

  const rows = await ctx.db.select().from(credits).where(and(eq(credits.jobId, job.id), eq(credits.kind, 'sla')));
  const reversed = new Set(rows.flatMap((r) => (r.reversesId ? [r.reversesId] : [])));
  const active = rows.filter((r) => !r.reversesId && !reversed.has(r.id) && r.amount > 0);
  for (const c of active) {
    const w = windowOfKey(c.key);
    if (!w) continue;
    const ws = state.windows[w];
    const under = ws.breachedUnder?.priority ?? ws.priority;
    // Still owed as recorded: the same priority, the version that governs the job now, the same breach instant.
    const rule = `${version.contract.id} v${version.version}`;
    const sameVersion = creditRule(c.rule, version.contract.id).version === version.version;
    const sameInstant = !ws.breachedAt || c.at.getTime() === ws.breachedAt.getTime();
    if (ws.breached && (!c.priority || c.priority === under) && sameVersion && sameInstant) continue;
    const voice = customerVoice(version.contract.locale);
    const reason = reversalReason(voice, c, ws, zone, w, under, rule);
    // Every English locale words it as the audit trail does: explain it once.
    out.reversedCredits.push(await reverseCredit(ctx, c, reason, voice.lang === 'en' ? reason : reversalReason(ENGLISH, c, ws, zone, w, under, rule)));
    if (ws.breached && ws.breachedAt && ws.breachedAt <= ctx.clock.now()) {
      const id = await recordBreachCredit(ctx, job, version, { window: w, at: ws.breachedAt, priority: under });
      if (id) out.newCredits.push(id);
    }
  }
  // A breach now owed that no tick will credit: its breach alert went out when nothing was owed
  // (the job was another priority then). recordBreachCredit adds nothing already owed.
  for (const w of ['response', 'restore'] as const) {
    const ws = state.windows[w];
    if (!ws.breached || !ws.breachedAt || ws.breachedAt > ctx.clock.now() || !out.alerted.has(`${w}:breach`)) continue;
    const id = await recordBreachCredit(ctx, job, version, { window: w, at: ws.breachedAt, priority: ws.breachedUnder?.priority ?? ws.priority });
    if (id) out.newCredits.push(id);
  }
  return out;
}

function windowOfKey(key: string | null): WindowName | undefined {
  const m = /^sla:\d+:(response|restore)(?::\d+)?$/.exec(key ?? '');
  return m?.[1] as WindowName | undefined;
}

/** A reversing entry: the opposite amount, linked to the credit it cancels, audited. */
async function reverseCredit(ctx: Ctx, c: typeof credits.$inferSelect, reason: string, auditReason: string): Promise<number> {
  const [row] = await ctx.db
    .insert(credits)
    .values({
      contractId: c.contractId,
      jobId: c.jobId,
      kind: c.kind,
      amount: -c.amount,
      period: c.period,
      rule: c.rule,
      reason,
      capped: false,
      priority: c.priority,
      key: `reverse:${c.id}`,
      reversesId: c.id,
      at: ctx.clock.now(),
    })
    .returning({ id: credits.id });
  await audit(ctx, 'credit.reversed', { kind: 'credit', id: String(c.id) }, { reversal: row!.id, amount: -c.amount, invoiced: c.invoiceId !== null, reason: auditReason });
  return row!.id;
}

/**
 * A breach records what the contract owes, once per job and window (again after a reversal),
 * capped per period (reversals give back what they cancel). Returns the new credit's id.
 */
export async function recordBreachCredit(ctx: Ctx, job: JobRow, version: ContractVersion, cp: { window: WindowName; at: Date; priority: Priority }): Promise<number | undefined> {
  const c = version.contract;
  const site = c.sites.find((s) => s.id === job.siteId);
  const per = c.sla.creditCap?.per ?? 'month';
  const at = cp.at;
  const period = periodOf(at, per, firstZone(c));
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: sql<number>`coalesce(sum(${credits.amount}), 0)::bigint` })
    .from(credits)
    .where(and(eq(credits.contractId, job.contractId), eq(credits.kind, 'sla'), eq(credits.period, period)));
  const owed = creditOwed(c, { window: cp.window, priority: cp.priority, tier: site?.tier, alreadyThisPeriod: Number(total) });
  if (!owed) return undefined;
  const base = `sla:${job.id}:${cp.window}`;
  const earlier = await ctx.db
    .select({ key: credits.key, id: credits.id })
    .from(credits)
    .where(and(eq(credits.jobId, job.id), eq(credits.kind, 'sla'), sql`${credits.reversesId} is null`, sql`(${credits.key} = ${base} or ${credits.key} like ${`${base}:%`})`));
  const reversals = earlier.length
    ? await ctx.db.select({ id: credits.reversesId }).from(credits).where(inArray(credits.reversesId, earlier.map((e) => e.id)))
    : [];
  // Still owed under an earlier key: nothing to add. Otherwise the next key after the reversed ones.
  if (earlier.length > reversals.length) return undefined;
  const key = earlier.length ? `${base}:${earlier.length}` : base;
  const rows = await ctx.db
    .insert(credits)
    .values({
      contractId: job.contractId,
      jobId: job.id,
      kind: 'sla',
      amount: owed.amount,
      period,
      rule: `${owed.rule}, ${c.id} v${version.version}`,
      reason: slaBreachReason(cp.window, job.ref, cp.priority, owed.capped ? owed.uncapped : undefined),
      capped: owed.capped,
      priority: cp.priority,
      key,
      at,
    })
    .onConflictDoNothing()
    .returning({ id: credits.id });
  return rows[0]?.id;
}
