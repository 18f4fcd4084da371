/**
 * Plain-English rendering of a window's explanation, for chat and the API's `text` field:
 * "Response P2: due Tue 11:00 CET: 4h of office hours from Mon 17:00; closed Mon 18:00 to
 * Tue 08:00; paused 1h20m (waiting_customer Tue 09:00–10:20)". Times are in the viewer's zone.
 */
import { DateTime } from 'luxon';
import type { JobStatus } from './contract-types.js';
import type { WindowState } from './sla.js';
import { formatDuration } from './units.js';
import { zoneLabel } from './zone-label.js';

const zoneAbbr = zoneLabel;

const PHRASES: Partial<Record<JobStatus, string>> = {
  waiting_customer: 'waiting for customer',
  waiting_parts: 'waiting for parts',
  waiting_permit: 'waiting for permit',
};
const status = (s: JobStatus) => PHRASES[s] ?? s.replace(/_/g, ' ');

/** How a met window stood against its due time: ", 2h15m before its due time Tue 12:00". */
export function metMargin(ws: WindowState, t: (d: Date) => string): string {
  if (!ws.dueAt) return `, stopped while paused with ${formatDuration(ws.remainingMinutes)} left`;
  if (ws.remainingMinutes <= 0) return `, at its due time ${t(ws.dueAt)}`;
  return `, ${formatDuration(ws.remainingMinutes)} before its due time ${t(ws.dueAt)}`;
}

export function explainText(ws: WindowState, viewerZone: string): string {
  const ex = ws.explanation;
  // A broken user preference must not break the SLA message: fall back to the calendar's zone.
  const zone = DateTime.fromMillis(0, { zone: viewerZone }).isValid ? viewerZone : ex.zone;

  const shown: Date[] = [ex.reportedAt, ex.startedAt];
  if (ws.dueAt) shown.push(ws.dueAt);
  if (ws.stoppedAt) shown.push(ws.stoppedAt);
  for (const c of ex.closed) shown.push(c.end);
  for (const p of ex.pauses) if (p.end) shown.push(p.end);
  // Weekday alone is unambiguous only within a week of the report.
  const latest = Math.max(...shown.map((d) => d.getTime()));
  const withDate = latest - ex.reportedAt.getTime() >= 6 * 86_400_000;

  const local = (d: Date) => DateTime.fromJSDate(d, { zone }).setLocale('en-US');
  const t = (d: Date) => local(d).toFormat(withDate ? 'ccc d LLL HH:mm' : 'ccc HH:mm');
  const tz = (d: Date) => `${t(d)} ${zoneAbbr(local(d))}`;
  const range = (a: Date, b: Date | null) => {
    if (!b) return `${t(a)}–now`;
    return local(a).hasSame(local(b), 'day') ? `${t(a)}–${local(b).toFormat('HH:mm')}` : `${t(a)} to ${t(b)}`;
  };
  const dur = formatDuration;

  const name = ws.window === 'response' ? 'Response' : 'Restore';
  const head = `${name} ${ws.priority}${ws.tier !== undefined ? ` (${ws.tier})` : ''}`;
  const over = () => dur(-ws.remainingMinutes);
  const pausedSince = () => {
    const p = ex.pauses[ex.pauses.length - 1];
    return p ? `paused since ${t(p.start)} (${status(p.status)})` : 'paused';
  };

  let headline: string;
  if (ws.breached && ws.breachedAt) {
    headline = `breached ${tz(ws.breachedAt)}`;
    if (ws.breachedUnder && ws.breachedUnder.priority !== ws.priority) {
      headline += ` under ${ws.breachedUnder.priority} (${dur(ws.breachedUnder.targetMinutes)})`;
    } else if (ws.dueAt && ws.dueAt.getTime() !== ws.breachedAt.getTime()) {
      headline += `, due ${t(ws.dueAt)}`;
    }
    if (ws.clock === 'stopped' && ws.stoppedAt && ws.stoppedBy) {
      headline += `; ${status(ws.stoppedBy)} ${t(ws.stoppedAt)}`;
      if (ws.remainingMinutes < 0) headline += `, ${over()} over`;
    } else if (ws.clock === 'paused') {
      headline += `; ${pausedSince()}`;
    } else if (ws.remainingMinutes < 0) {
      headline += `; ${over()} over so far`;
    }
  } else if (ws.clock === 'running' && ws.dueAt) {
    headline = `due ${tz(ws.dueAt)}`;
  } else if (ws.clock === 'paused') {
    headline = `${pausedSince()}, ${dur(ws.remainingMinutes)} left`;
  } else if (ws.stoppedAt) {
    const verb = ws.outcome === 'cancelled' ? 'cancelled' : `met (${ws.stoppedBy ? status(ws.stoppedBy) : 'stopped'})`;
    headline = `${verb} ${tz(ws.stoppedAt)} after ${dur(ws.elapsedMinutes)}`;
    if (ws.outcome === 'met') headline += metMargin(ws, t);
  } else {
    headline = `${dur(ws.remainingMinutes)} left`;
  }

  let basis = ex.alwaysOpen
    ? `${dur(ex.targetMinutes)} round the clock from ${t(ex.startedAt)}`
    : `${dur(ex.targetMinutes)} of ${ex.calendar} hours from ${t(ex.startedAt)}`;
  if (ex.startDeferredFrom) basis += ` (reported ${t(ex.startDeferredFrom)}, outside ${ex.calendar} hours)`;

  const parts = [`${head}: ${headline}: ${basis}`];
  if (ex.closed.length) {
    const list = ex.closed.map((c) => `${t(c.start)} to ${t(c.end)}`).join(', ');
    parts.push(`closed ${list}${ex.closedMore ? ` and ${ex.closedMore} more` : ''}`);
  }
  if (ex.pauses.length) {
    const total = ex.pauses.reduce((s, p) => s + p.businessMinutes, 0);
    parts.push(`paused ${dur(total)} (${ex.pauses.map((p) => `${status(p.status)} ${range(p.start, p.end)}`).join(', ')})`);
  }
  for (const s of ex.stops) {
    if (s.resumedAt) parts.push(`${status(s.status)} ${t(s.at)}, reopened ${t(s.resumedAt)} (gap not counted)`);
  }
  for (const c of ex.priorityChanges) {
    const why = c.reason ? ` (${c.reason}${c.by ? `, ${c.by}` : ''})` : c.by ? ` (${c.by})` : '';
    parts.push(`priority ${c.from}→${c.to} ${t(c.at)}${why}${c.applied ? '' : ', after the clock stopped: not applied'}`);
  }
  if (!ex.alwaysOpen && zone !== ex.zone) parts.push(`${ex.calendar} hours are ${ex.zone} time`);
  return parts.join('; ');
}
