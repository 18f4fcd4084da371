/** Cards for time and parts: what was recorded, a technician's day, and refusals that offer a way forward. */
import type { DayEntry } from '../../src/billing/today.js';
import type { OutOfScopeRefusal } from '../../src/billing/refusals.js';
import { errorTitle } from '../../src/errors.js';
import { readerDate, readerDuration, readerMoney } from '../../src/i18n/format.js';
import { t } from '../../src/i18n/t.js';
import { encodeAction } from '../action-ids.js';
import { card, type Card, type Field, type Rich } from '../card.js';
import { entryEditForm, type EntryFormView } from './entry-correction.js';

export interface LoggedView {
  ref: string;
  person: string;
  code: string;
  kind: string;
  start: Date;
  end: Date | null;
  minutes?: number;
  note?: string | null;
  zone: string;
  duplicate?: boolean;
  warnings?: string[];
}

function span(start: Date, end: Date | null): Rich {
  return end ? [{ time: start }, t('cards-time.to'), { time: end, style: 'time' }] : [t('cards-time.since'), { time: start }];
}

export function timeLoggedCard(v: LoggedView): Card {
  const what = v.kind === 'travel' ? t('cards-time.travel') : v.code;
  const title = v.duplicate
    ? t('cards-time.already-logged', { duration: readerDuration(v.minutes ?? 0), what, ref: v.ref })
    : v.end
      ? t('cards-time.logged', { duration: readerDuration(v.minutes ?? 0), what, ref: v.ref })
      : t('cards-time.timer-started', { ref: v.ref, code: v.code });
  const fields: Field[] = [
    { label: t('cards-time.who'), value: v.person },
    { label: t('cards-time.code'), value: v.kind === 'travel' ? t('cards-time.code-travel', { code: v.code }) : v.code },
    { label: t('cards-time.when'), value: span(v.start, v.end) },
  ];
  if (v.note) fields.push({ label: t('cards-time.note'), value: v.note });
  return card('time', title, {
    tone: v.duplicate ? 'info' : 'good',
    zone: v.zone,
    blocks: [{ type: 'fields', fields }, ...(v.warnings?.length ? [{ type: 'list' as const, items: v.warnings.map((w) => `⚠ ${w}`) }] : [])],
    context: [v.end ? t('cards-time.priced-later') : t('cards-time.stop-it', { stop: '/log stop', stopAt: '/log stop 17:30' })],
  });
}

export function timerDiscardedCard(v: { ref: string; person: string; startedAt: Date; code: string }): Card {
  return card('time', t('cards-time.discarded.title', { ref: v.ref }), { tone: 'info', blocks: [{ type: 'text', text: [t('cards-time.discarded.started', { person: v.person, code: v.code }), { time: v.startedAt }, t('cards-time.discarded.thrown-away')] }] });
}

/** Edit and Delete under the day's table, for the latest entries (a day rarely has more). */
const MAX_CORRECTABLE = 8;

export function todayCard(
  v: { person: string; zone: string; date: string; running?: DayEntry; entries: DayEntry[]; totalMinutes: number },
  buttons?: { secret: string; forms: EntryFormView[] },
): Card {
  const blocks: Card['blocks'] = [];
  if (v.running) blocks.push({ type: 'text', text: [{ bold: t('cards-time.today.running') }, t('cards-time.today.running-what', { job: v.running.job, code: v.running.code }), { time: v.running.start, style: 'time' }, t('cards-time.today.so-far', { duration: readerDuration(v.running.minutes) })] });
  blocks.push(
    v.entries.length
      ? {
          type: 'table',
          columns: ['#', t('cards-time.today.col.job'), t('cards-time.today.col.code'), t('cards-time.today.col.from'), t('cards-time.today.col.to'), t('cards-time.today.col.time'), t('cards-time.today.col.note')],
          align: ['left', 'left', 'left', 'left', 'left', 'right', 'left'],
          rows: v.entries.map((e) => [
            e.deleted ? t('corrections.deleted-id', { id: e.id }) : `T${e.id}`,
            e.job,
            e.kind === 'travel' ? t('cards-time.code-travel', { code: e.code }) : e.code,
            [{ time: e.start, style: 'time' }],
            e.end ? [{ time: e.end, style: 'time' }] : '',
            e.deleted ? `(${readerDuration(e.minutes)})` : readerDuration(e.minutes),
            e.deleted ? t('corrections.deleted-note', { who: e.deleted.byName ?? t('corrections.someone'), reason: e.deleted.reason }) : (e.note ?? ''),
          ]),
        }
      : { type: 'text', text: t('cards-time.today.nothing') },
  );
  const correctable = (buttons?.forms ?? []).filter((f) => !f.deleted).slice(-MAX_CORRECTABLE);
  return card('time', t('cards-time.today.title', { person: v.person, date: readerDate(v.date), duration: readerDuration(v.totalMinutes) }), {
    zone: v.zone,
    blocks,
    ...(buttons && correctable.length
      ? {
          actions: correctable.flatMap((f) => [
            { id: encodeAction({ t: 'entry', entry: f.id, act: 'edit' }, buttons.secret), label: t('corrections.edit', { id: f.id }), form: entryEditForm(f) },
            { id: encodeAction({ t: 'entry', entry: f.id, act: 'delete' }, buttons.secret), label: t('corrections.delete', { id: f.id }), style: 'danger' as const, reason: { label: t('corrections.delete-reason', { id: f.id }), required: true } },
          ]),
        }
      : {}),
    ...(v.entries.length ? { context: [t('cards-time.today.correct', { edit: '/log edit T12 08:00-10:30 "reason"', del: '/log delete T12 "reason"' })] } : {}),
  });
}

export function partLoggedCard(v: { ref: string; person: string; sku: string; name: string; qty: number; price: number; currency: string; version: number; contractId?: string }): Card {
  return card('time', t('cards-time.part.title', { qty: v.qty, sku: v.sku, ref: v.ref }), {
    tone: 'good',
    blocks: [{ type: 'fields', fields: [{ label: t('cards-time.part.part'), value: v.name }, { label: t('cards-time.part.list-price'), value: t('cards-time.part.each', { price: readerMoney(v.price, v.currency) }) }, { label: t('cards-time.part.fitted-by'), value: v.person }] }],
    context: [t('cards-time.part.note')],
  });
}

/** A refused out-of-scope log, with the one-tap request for approval (the approvals feature decides it). */
export function outOfScopeCard(err: OutOfScopeRefusal, secret: string): Card {
  return card('error', errorTitle(err.code), {
    tone: 'danger',
    blocks: [{ type: 'text', text: err.message }, ...(err.details.length ? [{ type: 'list' as const, items: err.details }] : [])],
    // A timer refused at its start has no length yet: the hint in the details says how to ask.
    actions: err.minutes <= 0 ? [] : [
      {
        id: encodeAction(
          {
            t: 'oos',
            job: err.job.id,
            code: err.taskCode.slice(0, 40),
            minutes: Math.max(0, Math.round(err.minutes)),
            ...(err.span ? { start: Math.floor(err.span.start.getTime() / 1000), end: Math.floor(err.span.end.getTime() / 1000) } : {}),
          },
          secret,
        ),
        label: t('cards-time.oos.request', { code: err.taskCode }).slice(0, 60),
        style: 'primary',
        reason: { label: t('cards-time.oos.reason'), required: true },
      },
    ],
  });
}
