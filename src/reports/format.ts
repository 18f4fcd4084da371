/**
 * Wording shared by the report's card, HTML and PDF, so all three say the same thing. Each line is
 * in the voice of the report's contract (its `locale`) unless the caller passes another.
 */
import { customerVoice, type CustomerVoice } from '../i18n/customer.js';
import { currentLang, currentLocale } from '../i18n/current.js';
import { jobStatusWord } from '../i18n/job-status-word.js';
import { DEFAULT_LOCALE } from '../i18n/lang.js';
import { t } from '../i18n/t.js';
import type { ClosingReport, ReportLine, WindowOutcome } from '../proof/closing-report.js';
import { DEFAULT_CONTRACT_LOCALE } from '../rules/locale.js';

/** The voice a report speaks in: its contract's locale. */
export function reportVoice(r: ClosingReport): CustomerVoice {
  return customerVoice(r.contract.locale);
}

/** The voice of the report's card: the current reader's language and locale, as every card speaks. */
export function readerReportVoice(): CustomerVoice {
  return { ...customerVoice(currentLang() === 'fr' ? currentLocale() : DEFAULT_LOCALE.en), t };
}

/** "Response: met in 1h30m of business time against 4h (north calendar)."; `leftMinutes` for a running window. */
export function outcomeText(o: Omit<WindowOutcome, 'text'>, leftMinutes: number, zone: string, v: CustomerVoice): string {
  const d = v.duration;
  const base = { window: o.window, calendar: o.calendar, target: d(o.targetMinutes), due: o.dueAt ? v.shortTime(o.dueAt, zone) : 'none' };
  if (o.outcome === 'cancelled') return v.t('report.sla.cancelled', base);
  if (o.breached) return v.t('report.sla.breached', { ...base, over: d(o.overMinutes) });
  if (o.outcome === 'met') return v.t('report.sla.met', { ...base, elapsed: d(o.elapsedMinutes) });
  return v.t('report.sla.running', { ...base, left: d(leftMinutes) });
}

/** An instant in the report's zone, in full with the zone's name in English (EST, CET). */
export function when(r: ClosingReport, d: Date | undefined | null, v: CustomerVoice = reportVoice(r)): string {
  return d ? v.time(d, r.zone) : '';
}

/** An instant within the year in the report's zone ("Mon 23 Nov 10:14 CET"). */
export function whenShort(r: ClosingReport, d: Date | undefined | null, v: CustomerVoice = reportVoice(r)): string {
  return d ? v.shortTime(d, r.zone) : '';
}

export function money(r: ClosingReport, m: number, v: CustomerVoice = reportVoice(r)): string {
  return v.money(m, r.contract.currency);
}

export function qty(l: ReportLine, v: CustomerVoice = customerVoice(DEFAULT_CONTRACT_LOCALE)): string {
  return v.quantity(l.quantity, l.unit);
}

/** "covered (value CAD 202.50)" or "billable". */
export function lineStatus(r: ClosingReport, l: ReportLine, v: CustomerVoice = reportVoice(r)): string {
  if (l.kind === 'credit') return v.t('report.line.credit');
  return l.covered ? v.t('report.line.covered', { value: money(r, l.nominal ?? 0, v) }) : v.t('report.line.billable');
}

export function workLine(r: ClosingReport, w: ClosingReport['work'][number], v: CustomerVoice = reportVoice(r)): string {
  const span = v.span(w.start, w.end, r.zone, v.t('report.work.running'));
  return `${span}, ${w.technician}, ${w.code}${w.kind === 'travel' ? v.t('report.work.travel') : ''}, ${v.duration(w.minutes)}${w.note ? `: ${w.note}` : ''}`;
}

export function stepLine(r: ClosingReport, s: ClosingReport['checklists'][number]['steps'][number], v: CustomerVoice = reportVoice(r)): string {
  const tags = [s.safety ? v.t('report.step.safety') : '', v.t(s.required ? 'report.step.required' : 'report.step.optional'), s.proofKind ? v.t('report.step.proof', { kind: s.proofKind }) : '']
    .filter(Boolean)
    .join(', ');
  const done = s.done
    ? `${v.t('report.step.done', { at: whenShort(r, s.at, v), by: s.by ?? '' })}${s.proofText ? `; ${s.proofText}` : ''}`
    : v.t(s.required ? 'report.step.missing' : 'report.step.skipped');
  return `${s.number}. ${s.step} (${tags}): ${done}`;
}

export function signatureLine(r: ClosingReport, s: ClosingReport['signatures'][number], v: CustomerVoice = reportVoice(r)): string {
  return v.t('report.signature', { name: s.name, role: s.role, at: when(r, s.at, v), code: s.code, step: s.step });
}

export function attachmentLine(r: ClosingReport, a: ClosingReport['attachments'][number], v: CustomerVoice = reportVoice(r)): string {
  const kb = a.size >= 1024 * 1024 ? `${(a.size / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(a.size / 1024))} KB`;
  return `${a.fileName} (${a.kind}, ${a.contentType}, ${kb}${a.step ? `, ${a.step}` : ''}), ${v.t('report.file.added', { at: whenShort(r, a.at, v) })}${a.by ? v.t('report.file.by', { by: a.by }) : ''}; sha256 ${a.sha256}`;
}

export function messageLine(r: ClosingReport, m: ClosingReport['messages'][number], v: CustomerVoice = reportVoice(r)): string {
  return `#${m.id} ${m.kind}: ${m.status}${m.sentAt ? ` ${whenShort(r, m.sentAt, v)}` : ''} ${v.t('report.message.to', { recipients: m.recipients.join(', ') })}`;
}

export function jobFacts(r: ClosingReport, v: CustomerVoice = reportVoice(r)): [string, string][] {
  const j = r.job;
  const fact = (key: Parameters<CustomerVoice['t']>[0], value: string): [string, string] => [v.t(key), value];
  return [
    fact('report.fact.customer', v.t('report.fact.customer-value', { name: r.contract.customer, contract: r.contract.id, version: r.contract.version })),
    fact('report.fact.site', `${v.t('common.pair', { a: j.site.id, b: j.site.name })}${j.site.address ? `, ${j.site.address}` : ''}${j.site.tier ? ` ${v.t('report.site.tier', { tier: j.site.tier })}` : ''}`),
    fact('report.fact.job', v.t('common.pair', { a: `${j.ref}, ${j.priority}`, b: j.summary })),
    fact('report.fact.status', jobStatusWord(j.status, v.t)),
    fact('report.fact.reported', when(r, j.reportedAt, v)),
    ...(j.resolvedAt ? [fact('report.fact.resolved', when(r, j.resolvedAt, v))] : []),
    ...(j.closedAt ? [fact('report.fact.closed', when(r, j.closedAt, v))] : []),
    ...(j.assignee ? [fact('report.fact.technician', j.assignee)] : []),
    ...(j.permit ? [fact('report.fact.permit', j.permit)] : []),
  ];
}

export function totalsLines(r: ClosingReport, v: CustomerVoice = reportVoice(r)): string[] {
  return [
    v.t('report.totals.covered', { amount: money(r, r.totals.covered, v) }),
    v.t('report.totals.billable', { amount: money(r, r.totals.billable, v) }),
    ...(r.totals.credits ? [v.t('report.totals.credits', { amount: money(r, r.totals.credits, v) })] : []),
  ];
}
