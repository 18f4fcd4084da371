/**
 * A window's explanation as phrases: each a catalog key (area `sla-explain`) with its values,
 * instants and durations left as data, so the caller writes them in the reader's language and zone.
 * In English: "Response P2: due Tue 11:00 CET: 4h of office hours from Mon 17:00; closed Mon 18:00
 * to Tue 08:00; paused 1h20m (waiting for customer Tue 09:00–10:20)". Pure: src/jobs/sla-text.ts
 * renders it.
 */
import { DateTime } from 'luxon';
import type { MessageKey } from '../errors.js';
import type { JobStatus } from './contract-types.js';
import type { WindowState } from './sla.js';

/**
 * The keys of the `sla-explain` catalog area the phrases use: all of them but the separators the
 * renderer joins phrases with.
 */
export type SlaPhraseKey = Exclude<{ [K in MessageKey]: K extends `sla-explain.${infer S}` ? S : never }[MessageKey], 'sep' | 'list-sep'>;

/**
 * A value inside a phrase: text from the data (a priority, a calendar's name, a reason), an instant
 * (`short`: weekday and time, with the date when the explanation spans a week; `zoned`: the same
 * with the zone's name; `clock`: the time of day), a duration, a job status, a nested phrase, or a
 * list of phrases.
 */
export type Piece =
  | string
  | number
  | { at: Date; form: 'short' | 'zoned' | 'clock' }
  | { minutes: number }
  | { status: JobStatus }
  | Phrase
  | { list: Phrase[] };

export interface Phrase {
  key: SlaPhraseKey;
  values?: Record<string, Piece>;
}

export interface SlaExplanation {
  /** the zone its instants are written in: the viewer's, or the calendar's when the viewer's is not a zone */
  zone: string;
  /** whether instants carry their date (the explanation spans a week or more) */
  withDate: boolean;
  /** "Response P2: <headline>: <basis>" */
  line: Phrase;
  /** closures, pauses, reopenings, priority changes, the calendar's zone: after the line, each after a "; " */
  more: Phrase[];
}

const p = (key: SlaPhraseKey, values?: Record<string, Piece>): Phrase => ({ key, values });
const at = (d: Date, form: 'short' | 'zoned' | 'clock' = 'short') => ({ at: d, form });
const dur = (minutes: number) => ({ minutes });
const status = (s: JobStatus): Phrase => p('status', { status: { status: s } });
const none = '';

/** How a met window stood against its due time: ", 2h15m before its due time Tue 12:00". */
function metMargin(ws: WindowState): Phrase {
  if (!ws.dueAt) return p('margin-paused', { left: dur(ws.remainingMinutes) });
  if (ws.remainingMinutes <= 0) return p('margin-on-time', { due: at(ws.dueAt) });
  return p('margin-before', { margin: dur(ws.remainingMinutes), due: at(ws.dueAt) });
}

function headline(ws: WindowState): Phrase {
  const ex = ws.explanation;
  const over = () => dur(-ws.remainingMinutes);
  const pausedSince = () => {
    const last = ex.pauses[ex.pauses.length - 1];
    return last ? p('paused-since', { at: at(last.start), status: status(last.status) }) : p('paused');
  };

  if (ws.breached && ws.breachedAt) {
    let detail: Piece = none;
    if (ws.breachedUnder && ws.breachedUnder.priority !== ws.priority) {
      detail = p('breached-under', { priority: ws.breachedUnder.priority, target: dur(ws.breachedUnder.targetMinutes) });
    } else if (ws.dueAt && ws.dueAt.getTime() !== ws.breachedAt.getTime()) {
      detail = p('breached-due', { due: at(ws.dueAt) });
    }
    let after: Piece = none;
    if (ws.clock === 'stopped' && ws.stoppedAt && ws.stoppedBy) {
      after = p('then-stopped', { status: status(ws.stoppedBy), at: at(ws.stoppedAt), over: ws.remainingMinutes < 0 ? p('over', { over: over() }) : none });
    } else if (ws.clock === 'paused') {
      after = p('then-paused', { paused: pausedSince() });
    } else if (ws.remainingMinutes < 0) {
      after = p('over-so-far', { over: over() });
    }
    return p('breached', { at: at(ws.breachedAt, 'zoned'), detail, after });
  }
  if (ws.clock === 'running' && ws.dueAt) return p('due', { at: at(ws.dueAt, 'zoned') });
  if (ws.clock === 'paused') return p('paused-left', { paused: pausedSince(), left: dur(ws.remainingMinutes) });
  if (ws.stoppedAt) {
    if (ws.outcome === 'cancelled') return p('cancelled', { at: at(ws.stoppedAt, 'zoned'), elapsed: dur(ws.elapsedMinutes) });
    return p('met', {
      how: ws.stoppedBy ? status(ws.stoppedBy) : p('stopped'),
      at: at(ws.stoppedAt, 'zoned'),
      elapsed: dur(ws.elapsedMinutes),
      margin: ws.outcome === 'met' ? metMargin(ws) : none,
    });
  }
  return p('left', { left: dur(ws.remainingMinutes) });
}

/** Why a window's times are what they are, in the viewer's zone. */
export function explainSla(ws: WindowState, viewerZone: string): SlaExplanation {
  const ex = ws.explanation;
  // A broken user preference must not break the SLA message: fall back to the calendar's zone.
  const zone = DateTime.fromMillis(0, { zone: viewerZone }).isValid ? viewerZone : ex.zone;

  const shown: Date[] = [ex.reportedAt, ex.startedAt];
  if (ws.dueAt) shown.push(ws.dueAt);
  if (ws.stoppedAt) shown.push(ws.stoppedAt);
  for (const c of ex.closed) shown.push(c.end);
  for (const q of ex.pauses) if (q.end) shown.push(q.end);
  // Weekday alone is unambiguous only within a week of the report.
  const latest = Math.max(...shown.map((d) => d.getTime()));
  const withDate = latest - ex.reportedAt.getTime() >= 6 * 86_400_000;

  const local = (d: Date) => DateTime.fromJSDate(d, { zone });
  const range = (a: Date, b: Date | null): Phrase => {
    if (!b) return p('range-open', { from: at(a) });
    return local(a).hasSame(local(b), 'day') ? p('range-day', { from: at(a), to: at(b, 'clock') }) : p('range', { from: at(a), to: at(b) });
  };

  const head = p('head', { window: ws.window, priority: ws.priority, tier: ws.tier !== undefined ? p('tier', { tier: ws.tier }) : none });
  const deferred = ex.startDeferredFrom ? p('deferred', { at: at(ex.startDeferredFrom), calendar: ex.calendar }) : none;
  const basis = ex.alwaysOpen
    ? p('basis-always', { target: dur(ex.targetMinutes), from: at(ex.startedAt), deferred })
    : p('basis-calendar', { target: dur(ex.targetMinutes), calendar: ex.calendar, from: at(ex.startedAt), deferred });

  const more: Phrase[] = [];
  if (ex.closed.length) {
    more.push(
      p('closed', {
        list: { list: ex.closed.map((c) => p('closed-span', { from: at(c.start), to: at(c.end) })) },
        more: ex.closedMore ? p('closed-more', { n: ex.closedMore }) : none,
      }),
    );
  }
  if (ex.pauses.length) {
    const total = ex.pauses.reduce((s, q) => s + q.businessMinutes, 0);
    more.push(p('paused-total', { total: dur(total), list: { list: ex.pauses.map((q) => p('pause', { status: status(q.status), range: range(q.start, q.end) })) } }));
  }
  for (const s of ex.stops) {
    if (s.resumedAt) more.push(p('reopened', { status: status(s.status), at: at(s.at), resumed: at(s.resumedAt) }));
  }
  for (const c of ex.priorityChanges) {
    const why = c.reason ? (c.by ? p('why-reason-by', { reason: c.reason, by: c.by }) : p('why-reason', { reason: c.reason })) : c.by ? p('why-by', { by: c.by }) : none;
    more.push(p('priority', { from: c.from, to: c.to, at: at(c.at), why, unapplied: c.applied ? none : p('unapplied') }));
  }
  if (!ex.alwaysOpen && zone !== ex.zone) more.push(p('zone-note', { calendar: ex.calendar, zone: ex.zone }));

  return { zone, withDate, line: p('line', { head, headline: headline(ws), basis }), more };
}
