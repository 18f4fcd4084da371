/**
 * The closing report's data: what was done, what was covered and by which clause, what is
 * billable and why, the SLA outcome in business time, safety steps with times, proof items and
 * signatures. This is the stored truth (unredacted); every renderer that lets it leave the system
 * (card, HTML, PDF, e-mail) passes it through `redactReport` first.
 */
import { wordLines } from '../billing/line-text.js';
import { heldReasonText } from '../billing/held-text.js';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { customerMessages, jobEvents, partUses, people, timeEntries } from '../../db/schema.js';
import { requirePerson } from '../auth.js';
import type { Ctx } from '../context.js';
import { loadJob } from '../jobs/job-store.js';
import { computeJobSla, type JobRow } from '../jobs/job-store.js';
import { outboundContract } from '../messages/outbound.js';
import { customerVoice, type CustomerVoice } from '../i18n/customer.js';
import { outcomeText } from '../reports/format.js';
import { redactDeep } from '../messages/template.js';
import type { Contract, Money } from '../rules/contract-types.js';
import type { WindowState } from '../rules/sla.js';
import { attachmentsOf, loadChecklists, missingRequired, type MissingStep, type Proof } from './checklist.js';
import { rateJob } from './job-rating.js';

export interface WindowOutcome {
  window: 'response' | 'restore';
  priority: string;
  targetMinutes: number;
  elapsedMinutes: number;
  outcome: WindowState['outcome'];
  breached: boolean;
  /** business minutes over the target, when breached */
  overMinutes: number;
  dueAt: Date | null;
  stoppedAt?: Date;
  calendar: string;
  text: string;
}

export interface ReportStep {
  number: number;
  step: string;
  required: boolean;
  safety: boolean;
  proofKind?: string;
  done: boolean;
  at?: Date;
  by?: string;
  /** "0.4 mA", "Jane Roe (charge nurse)", "photo pump.jpg" */
  proofText?: string;
  attachmentId?: number;
}

export interface ReportLine {
  kind: string;
  date: string;
  code?: string;
  sku?: string;
  description: string;
  quantity: number;
  unit: string;
  unitPrice: Money;
  amount: Money;
  covered: boolean;
  nominal?: Money;
  /** the clause: modifiers, entitlements, rates.CODE, with the contract version */
  rule: string;
}

export interface ClosingReport {
  generatedAt: Date;
  zone: string;
  contract: { id: string; version: number; customer: string; currency: string; locale: string };
  job: {
    ref: string;
    summary: string;
    priority: string;
    status: string;
    site: { id: string; name: string; address: string; tier?: string };
    reportedAt: Date;
    resolvedAt?: Date;
    closedAt?: Date;
    assignee?: string;
    permit?: string;
  };
  work: { technician: string; code: string; kind: string; start: Date; end: Date | null; minutes: number; note?: string }[];
  parts: { sku: string; name: string; qty: number; at: Date }[];
  lines: ReportLine[];
  totals: { covered: Money; billable: Money; credits: Money };
  held: { reason: string; minutes: number }[];
  sla: { response: WindowOutcome; restore: WindowOutcome };
  checklists: { code: string; name: string; steps: ReportStep[] }[];
  missing: MissingStep[];
  signatures: { code: string; step: number; name: string; role: string; at: Date; attachmentId?: number }[];
  attachments: { id: number; kind: string; fileName: string; contentType: string; size: number; sha256: string; at: Date; by?: string; step?: string; storagePath: string }[];
  messages: { id: number; kind: string; status: string; sentAt?: Date; recipients: string[] }[];
  /** the `report.*` placeholders of docs/contract-format.md, as customer messages show them */
  placeholders: { covered: string; billable: string; restoreTime: string; restoreTarget: string; safetySteps: string; signoff: string };
}

function outcome(w: WindowState, zone: string, voice: CustomerVoice): WindowOutcome {
  const over = w.breached ? Math.max(0, -w.remainingMinutes) : 0;
  const o = {
    window: w.window,
    priority: w.priority,
    targetMinutes: w.targetMinutes,
    elapsedMinutes: w.elapsedMinutes,
    outcome: w.outcome,
    breached: w.breached,
    overMinutes: over,
    dueAt: w.dueAt,
    ...(w.stoppedAt ? { stoppedAt: w.stoppedAt } : {}),
    calendar: w.calendar,
  };
  return { ...o, text: outcomeText(o, w.remainingMinutes, zone, voice) };
}

/** A step's proof as the customer reads it: "0.4 mA", "photo pump.jpg", "Jane Roe (charge nurse), signature image sig.png". */
function proofText(p: Proof | null, files: Map<number, string>, voice: CustomerVoice): string | undefined {
  if (!p) return undefined;
  if (p.kind === 'reading') return `${p.value} ${p.unit}`;
  const file = (id: number) => files.get(id) ?? voice.t('report.proof.file-id', { id });
  if (p.kind === 'signature') return p.attachmentId ? voice.t('report.proof.signature-image', { name: p.name, role: p.role, file: file(p.attachmentId) }) : voice.t('report.proof.signature', { name: p.name, role: p.role });
  return voice.t('report.proof.photo', { file: file(p.attachmentId) });
}

/** The report data for a job, read in the caller's transaction (the closing hook) or alone. */
export async function buildClosingReport(ctx: Ctx, job: JobRow): Promise<ClosingReport> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const cl = await loadChecklists(db, job);
  const c = cl.contract;
  const zone = cl.zone;
  const voice = customerVoice(c.locale);
  const site = c.sites.find((s) => s.id === job.siteId);
  const [{ state }, rating, files, entries, parts, events, msgs] = await Promise.all([
    computeJobSla(db, job, now),
    rateJob(db, job, now),
    attachmentsOf(db, job.id),
    db.select({ e: timeEntries, name: people.name }).from(timeEntries).innerJoin(people, eq(people.id, timeEntries.personId)).where(and(eq(timeEntries.jobId, job.id), isNull(timeEntries.deletedAt))).orderBy(asc(timeEntries.startAt)),
    db.select().from(partUses).where(and(eq(partUses.jobId, job.id), isNull(partUses.deletedAt))).orderBy(asc(partUses.at)),
    db.select().from(jobEvents).where(and(eq(jobEvents.jobId, job.id), eq(jobEvents.kind, 'status'))).orderBy(asc(jobEvents.at), asc(jobEvents.id)),
    db.select().from(customerMessages).where(eq(customerMessages.jobId, job.id)).orderBy(asc(customerMessages.id)),
  ]);
  const personIds = [...new Set([job.assigneeId, ...files.map((f) => f.uploadedBy)].filter((x): x is number => typeof x === 'number'))];
  const names = new Map((personIds.length ? await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)) : []).map((p) => [p.id, p.name]));
  const fileNames = new Map(files.map((f) => [f.id, f.fileName]));
  const stepOfFile = new Map<number, string>();

  const checklists = cl.lists.map((l) => ({
    code: l.code,
    name: l.name,
    steps: l.steps.map((s): ReportStep => {
      const p = s.tick?.proof ?? null;
      const fileId = p && (p.kind === 'photo' || p.kind === 'signature') ? p.attachmentId : undefined;
      if (fileId) stepOfFile.set(fileId, voice.t('report.step.ref', { code: l.code, step: s.number }));
      return {
        number: s.number,
        step: s.step,
        required: s.required,
        safety: s.safety,
        ...(s.proof ? { proofKind: s.proof } : {}),
        done: Boolean(s.tick),
        ...(s.tick ? { at: s.tick.at, by: s.tick.personName } : {}),
        ...(proofText(p, fileNames, voice) ? { proofText: proofText(p, fileNames, voice) } : {}),
        ...(fileId ? { attachmentId: fileId } : {}),
      };
    }),
  }));
  const signatures = cl.lists.flatMap((l) =>
    l.steps.flatMap((s) => {
      const p = s.tick?.proof;
      return p?.kind === 'signature' ? [{ code: l.code, step: s.number, name: p.name, role: p.role, at: new Date(p.at), ...(p.attachmentId ? { attachmentId: p.attachmentId } : {}) }] : [];
    }),
  );
  const resolved = [...events].reverse().find((e) => e.toValue === 'resolved');
  const money = (m: Money) => voice.money(m, c.currency);
  const safety = checklists.flatMap((l) => l.steps.filter((s) => s.safety));
  const safetyDone = safety.filter((s) => s.done);
  const safetySteps = !safety.length
    ? voice.t('report.safety.none')
    : voice.t('report.safety.confirmed', {
        done: safetyDone.length,
        total: safety.length,
        steps: safetyDone.length ? safetyDone.map((s) => `${s.step} (${voice.clock(s.at!, zone)}${s.proofText ? `, ${s.proofText}` : ''})`).join(voice.t('common.list-sep')) : 'none',
      });
  const last = signatures[signatures.length - 1];
  const signoff = last ? `${last.name}, ${last.role}, ${voice.time(last.at, zone)}` : voice.t('report.signoff.none');
  const restore = state.windows.restore;

  return {
    generatedAt: now,
    zone,
    contract: { id: c.id, version: cl.version.version, customer: c.customer.name, currency: c.currency, locale: c.locale },
    job: {
      ref: job.ref,
      summary: job.summary,
      priority: job.priority,
      status: job.status,
      site: { id: job.siteId, name: site?.name ?? job.siteId, address: site?.address ?? '', ...(site?.tier ? { tier: site.tier } : {}) },
      reportedAt: job.reportedAt,
      ...(resolved ? { resolvedAt: resolved.at } : {}),
      ...(job.closedAt ? { closedAt: job.closedAt } : {}),
      ...(job.assigneeId && names.get(job.assigneeId) ? { assignee: names.get(job.assigneeId) } : {}),
      ...(job.permit ? { permit: job.permit } : {}),
    },
    work: entries.map(({ e, name }) => ({
      technician: name,
      code: e.code,
      kind: e.kind,
      start: e.startAt,
      end: e.endAt,
      minutes: e.endAt ? Math.round((e.endAt.getTime() - e.startAt.getTime()) / 60_000) : 0,
      ...(e.note ? { note: e.note } : {}),
    })),
    parts: parts.map((p) => ({ sku: p.sku, name: c.parts.find((x) => x.sku.toLowerCase() === p.sku.toLowerCase())?.name ?? p.sku, qty: p.qty, at: p.at })),
    lines: wordLines(rating.lines, c.locale, c.currency).map((l) => ({
      kind: l.kind,
      date: l.date,
      ...(l.code ? { code: l.code } : {}),
      ...(l.sku ? { sku: l.sku } : {}),
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      amount: l.amount,
      covered: l.covered,
      ...(l.nominal !== undefined ? { nominal: l.nominal } : {}),
      rule: l.rule,
    })),
    totals: { covered: rating.covered, billable: rating.billable, credits: rating.credits },
    held: rating.held.map((h) => ({ reason: heldReasonText(h.reason, voice.t), minutes: h.minutes })),
    sla: { response: outcome(state.windows.response, zone, voice), restore: outcome(restore, zone, voice) },
    checklists,
    missing: missingRequired(cl.lists),
    signatures,
    attachments: files.map((f) => ({
      id: f.id,
      kind: f.kind,
      fileName: f.fileName,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      at: f.createdAt,
      ...(f.uploadedBy && names.get(f.uploadedBy) ? { by: names.get(f.uploadedBy) } : {}),
      ...(stepOfFile.get(f.id) ? { step: stepOfFile.get(f.id) } : {}),
      storagePath: f.storagePath,
    })),
    messages: msgs.map((m) => ({ id: m.id, kind: m.kind, status: m.status, ...(m.sentAt ? { sentAt: m.sentAt } : {}), recipients: m.recipients })),
    placeholders: {
      covered: money(rating.covered),
      billable: money(rating.billable),
      restoreTime: voice.duration(restore.elapsedMinutes),
      restoreTarget: voice.duration(restore.targetMinutes),
      safetySteps,
      signoff,
    },
  };
}

/** Every string of the report passed through the contract's redaction patterns. */
export function redactReport(contract: Contract, r: ClosingReport): ClosingReport {
  return redactDeep(contract, r);
}

/** `/close` and the API: the report of a job, for anyone with a role (or a read token). */
export async function closingReport(ctx: Ctx, input: { job: string | number }): Promise<{ report: ClosingReport; contract: Contract }> {
  if (ctx.actor.via !== 'api') requirePerson(ctx);
  const job = await loadJob(ctx.db, input.job);
  return { report: await buildClosingReport(ctx, job), contract: await outboundContract(ctx.db, job, ctx.clock.now()) };
}
