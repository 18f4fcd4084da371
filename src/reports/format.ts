/** Wording shared by the report's card, HTML and PDF, so all three say the same thing. */
import { DateTime } from 'luxon';
import type { ClosingReport, ReportLine } from '../proof/closing-report.js';
import { localTime } from '../messages/template.js';
import { formatDuration, formatMoney } from '../rules/units.js';

/** An instant in the report's zone; `fmt` without the zone, which is appended as a name (EST, CET). */
export function when(d: Date | undefined | null, zone: string, fmt = 'ccc d LLL yyyy HH:mm', withZone = true): string {
  if (!d) return '';
  return withZone ? localTime(d, zone, fmt) : DateTime.fromJSDate(d, { zone }).setLocale('en-GB').toFormat(fmt);
}

export function money(r: ClosingReport, m: number): string {
  return formatMoney(m, r.contract.currency);
}

export function qty(l: ReportLine): string {
  const q = Number.isInteger(l.quantity) ? String(l.quantity) : l.quantity.toFixed(2).replace(/0+$/, '');
  return `${q} ${l.unit}${l.quantity === 1 || l.unit.endsWith('s') ? '' : 's'}`;
}

/** "covered (value CAD 202.50)" or "billable". */
export function lineStatus(r: ClosingReport, l: ReportLine): string {
  if (l.kind === 'credit') return 'credit';
  return l.covered ? `covered (value ${money(r, l.nominal ?? 0)})` : 'billable';
}

export function workLine(r: ClosingReport, w: ClosingReport['work'][number]): string {
  const span = `${when(w.start, r.zone, 'ccc d LLL HH:mm', false)}–${w.end ? when(w.end, r.zone, 'HH:mm') : 'running'}`;
  return `${span}, ${w.technician}, ${w.code}${w.kind === 'travel' ? ' (travel)' : ''}, ${formatDuration(w.minutes)}${w.note ? `: ${w.note}` : ''}`;
}

export function stepLine(r: ClosingReport, s: ClosingReport['checklists'][number]['steps'][number]): string {
  const tags = [s.safety ? 'safety' : '', s.required ? 'required' : 'optional', s.proofKind ? `proof: ${s.proofKind}` : ''].filter(Boolean).join(', ');
  const done = s.done ? `done ${when(s.at, r.zone, 'ccc d LLL HH:mm')} by ${s.by}${s.proofText ? `; ${s.proofText}` : ''}` : s.required ? 'NOT DONE' : 'not done';
  return `${s.number}. ${s.step} (${tags}): ${done}`;
}

export function signatureLine(r: ClosingReport, s: ClosingReport['signatures'][number]): string {
  return `${s.name}, ${s.role}, signed ${when(s.at, r.zone)} (${s.code} step ${s.step})`;
}

export function attachmentLine(r: ClosingReport, a: ClosingReport['attachments'][number]): string {
  const kb = a.size >= 1024 * 1024 ? `${(a.size / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(a.size / 1024))} KB`;
  return `${a.fileName} (${a.kind}, ${a.contentType}, ${kb}${a.step ? `, ${a.step}` : ''}), added ${when(a.at, r.zone, 'ccc d LLL HH:mm')}${a.by ? ` by ${a.by}` : ''}; sha256 ${a.sha256}`;
}

export function messageLine(r: ClosingReport, m: ClosingReport['messages'][number]): string {
  return `#${m.id} ${m.kind}: ${m.status}${m.sentAt ? ` ${when(m.sentAt, r.zone, 'ccc d LLL HH:mm')}` : ''} to ${m.recipients.join(', ')}`;
}

export function jobFacts(r: ClosingReport): [string, string][] {
  const j = r.job;
  return [
    ['Customer', `${r.contract.customer} (${r.contract.id} v${r.contract.version})`],
    ['Site', `${j.site.id}: ${j.site.name}${j.site.address ? `, ${j.site.address}` : ''}${j.site.tier ? ` (tier ${j.site.tier})` : ''}`],
    ['Job', `${j.ref}, ${j.priority}: ${j.summary}`],
    ['Status', j.status.replace('_', ' ')],
    ['Reported', when(j.reportedAt, r.zone)],
    ...(j.resolvedAt ? ([['Resolved', when(j.resolvedAt, r.zone)]] as [string, string][]) : []),
    ...(j.closedAt ? ([['Closed', when(j.closedAt, r.zone)]] as [string, string][]) : []),
    ...(j.assignee ? ([['Technician', j.assignee]] as [string, string][]) : []),
    ...(j.permit ? ([['Permit', j.permit]] as [string, string][]) : []),
  ];
}

export function totalsLines(r: ClosingReport): string[] {
  return [
    `Covered under the agreement: ${money(r, r.totals.covered)} (value of the work included in the fee, prepaid hours or warranty)`,
    `Billable: ${money(r, r.totals.billable)}`,
    ...(r.totals.credits ? [`Credits: ${money(r, r.totals.credits)}`] : []),
  ];
}
