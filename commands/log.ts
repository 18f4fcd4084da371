import { DateTime } from 'luxon';
import { outOfScopeCard, timeLoggedCard, timerDiscardedCard, todayCard } from '../cards/build/time.js';
import type { Card } from '../cards/card.js';
import { timeCorrectedCard, timeDeletedCard } from '../cards/build/work-correction.js';
import { deleteTimeEntry, editTimeEntry, entryToCorrect } from '../src/billing/correct-time.js';
import { entryFormViews } from '../src/billing/correct-time-form.js';
import { parseRecordId } from '../src/billing/corrections.js';
import { discardTimer } from '../src/billing/discard-timer.js';
import { jobSiteZone } from '../src/billing/entry-checks.js';
import { logTime } from '../src/billing/log-time.js';
import { parseSpan } from '../src/billing/period.js';
import { termsOf, versionAt } from '../src/contracts/version-at.js';
import { OutOfScopeRefusal } from '../src/billing/refusals.js';
import { startTimer } from '../src/billing/start-timer.js';
import { stopTimer } from '../src/billing/stop-timer.js';
import { todayEntries } from '../src/billing/today.js';
import type { Ctx } from '../src/context.js';
import { invalid } from '../src/errors.js';
import { parseAt } from '../src/jobs/event-time.js';
import { findJob } from '../src/jobs/job-store.js';
import { takeDuration } from './duration.js';
import { jobRefSchema as refSchema } from './check.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SPAN = /^\d{1,2}:\d{2}[-–]\d{1,2}:\d{2}$/;
/** An unknown word typed like a code (HVAC-LAB, R2-D2) is read as a code, so a typo is refused rather than filed as a note. */
const LOOKS_LIKE_CODE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;

/** Pull `--for <who>` (a dispatcher recording for a technician) out of the words. */
export function takeFor(words: string[]): { words: string[]; technician?: string } {
  const i = words.findIndex((w) => w === '--for' || w.startsWith('--for='));
  if (i < 0) return { words };
  const w = words[i]!;
  const who = w.includes('=') ? w.slice(6) : words[i + 1];
  if (!who) throw new UsageError(t('log.for-needs-person'));
  const rest = [...words];
  rest.splice(i, w.includes('=') ? 1 : 2);
  return { words: rest, technician: who };
}

async function jobContext(ctx: Ctx, ref: string, at: Date) {
  const job = await findJob(ctx.db, ref);
  const terms = await termsOf(ctx.db, job.contractId);
  const v = versionAt(terms, at);
  return { job, zone: jobSiteZone(v.contract, job), codes: v.contract.rates.map((r) => r.code.toLowerCase()) };
}

/** The first word is the code when the contract knows it or it is typed like one; the rest is the note. */
function codeAndNote(words: string[], codes: string[]): { code?: string; note?: string } {
  const [first, ...rest] = words;
  if (first && (codes.includes(first.toLowerCase()) || LOOKS_LIKE_CODE.test(first))) return { code: first, note: rest.join(' ') || undefined };
  return { note: words.join(' ') || undefined };
}

async function withButton(ctx: Ctx, run: () => Promise<Card>): Promise<Card> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof OutOfScopeRefusal) return outOfScopeCard(err, ctx.services.actionSecret);
    throw err;
  }
}

function loggedCard(r: Awaited<ReturnType<typeof logTime>>): Card {
  return timeLoggedCard({ ref: r.job.ref, person: r.person.name, code: r.entry.code, kind: r.entry.kind, start: r.entry.startAt, end: r.entry.endAt, minutes: r.minutes, note: r.entry.note, zone: r.zone, duplicate: r.duplicate, warnings: r.warnings });
}

function entryId(word: string | undefined): number {
  const id = word === undefined ? undefined : parseRecordId(word, 'T');
  if (id === undefined) throw new UsageError(t('errors-commands.log-entry'));
  return id;
}

/** `/log edit T12 [date] [span | duration] [code] "<reason>"`: the words after the changes are the reason. */
async function editCommand(ctx: Ctx, words: string[]): Promise<Card> {
  const id = entryId(words[0]);
  let rest = words.slice(1);
  const { entry, ...ctxJob } = await entryToCorrect(ctx, id);
  let date: string | undefined;
  if (rest[0] && DATE.test(rest[0])) {
    date = rest[0];
    rest = rest.slice(1);
  }
  let start: Date | undefined;
  let end: Date | undefined;
  if (rest[0] && SPAN.test(rest[0])) {
    const day = date ?? DateTime.fromJSDate(entry.startAt, { zone: ctxJob.zone }).toISODate()!;
    const s = parseSpan(rest[0], ctxJob.zone, ctx.clock.now(), day);
    if (!s) throw invalid(t('errors-commands.not-a-span', { typed: rest[0], zone: ctxJob.zone }));
    ({ start, end } = s);
    rest = rest.slice(1);
  } else if (date) {
    throw new UsageError(t('errors-commands.log-date-span'));
  } else {
    const d = rest[0] ? takeDuration(rest, 0, { nonZero: true }) : undefined;
    if (d) {
      // A new duration keeps the start.
      end = new Date(entry.startAt.getTime() + d.minutes * 60_000);
      rest = rest.slice(d.used);
    }
  }
  let code: string | undefined;
  if (rest.length > 1 && rest[0] && (ctxJob.codes.includes(rest[0].toLowerCase()) || LOOKS_LIKE_CODE.test(rest[0]))) {
    code = rest[0];
    rest = rest.slice(1);
  }
  if (start === undefined && end === undefined && code === undefined) throw new UsageError(t('errors-commands.log-what-changes', { id: String(id) }));
  return withButton(ctx, async () => timeCorrectedCard(await editTimeEntry(ctx, { id, start, end, code, reason: rest.join(' ') })));
}

export const logCommand: Command = {
  name: 'log',
  get summary() {
    return t('log.summary');
  },
  get usage() {
    return usageLines('log.usage');
  },
  get example() {
    return t('log.example');
  },
  async run(ctx, args) {
    const { words, technician } = takeFor(args.words);
    const [first, ...rest] = words;
    const now = ctx.clock.now();
    switch (first?.toLowerCase()) {
      case undefined:
        throw new UsageError(t('log.which-job'));
      case 'today': {
        const r = await todayEntries(ctx, { technician });
        const forms = await entryFormViews(ctx, r.entries.filter((e) => !e.deleted).map((e) => e.id));
        return todayCard({ person: r.person.name, zone: r.zone, date: r.date, running: r.running, entries: r.entries, totalMinutes: r.totalMinutes }, { secret: ctx.services.actionSecret, forms });
      }
      case 'stop': {
        let at: Date | undefined;
        if (rest[0]) {
          // "17:30" is read on the running job's site clock, like every time typed for a job.
          const running = (await todayEntries(ctx, { technician })).running;
          const zone = running ? (await jobContext(ctx, running.job, running.start)).zone : (ctx.actor.person?.zone ?? ctx.services.defaultZone);
          at = parseAt(rest[0], zone, now);
          if (!at) throw invalid(t('log.not-a-time', { typed: rest[0] }));
        }
        const r = await stopTimer(ctx, { technician, at });
        return timeLoggedCard({ ref: r.job.ref, person: r.person.name, code: r.entry.code, kind: r.entry.kind, start: r.entry.startAt, end: r.entry.endAt, minutes: r.minutes, note: r.entry.note, zone: r.zone, warnings: r.warnings });
      }
      case 'edit':
        return editCommand(ctx, rest);
      case 'delete': {
        const id = entryId(rest[0]);
        return timeDeletedCard(await deleteTimeEntry(ctx, { id, reason: rest.slice(1).join(' ') }));
      }
      case 'cancel':
      case 'discard': {
        const r = await discardTimer(ctx, { technician });
        return timerDiscardedCard({ ref: r.ref, person: r.person.name, startedAt: r.startedAt, code: r.code });
      }
    }
    const ref = refSchema.parse(first);
    let kind: 'labour' | 'travel' = 'labour';
    let words2 = rest;
    if (words2[0]?.toLowerCase() === 'travel') {
      kind = 'travel';
      words2 = words2.slice(1);
    }
    if (words2[0]?.toLowerCase() === 'start') {
      const { codes } = await jobContext(ctx, ref, now);
      const { code, note } = codeAndNote(words2.slice(1), codes);
      return withButton(ctx, async () => {
        const r = await startTimer(ctx, { job: ref, code, kind, note, technician });
        return timeLoggedCard({ ref: r.job.ref, person: r.person.name, code: r.entry.code, kind: r.entry.kind, start: r.entry.startAt, end: null, note: r.entry.note, zone: r.zone });
      });
    }
    let date: string | undefined;
    if (words2[0] && DATE.test(words2[0])) {
      date = words2[0];
      words2 = words2.slice(1);
    }
    const what = words2[0];
    if (!what) throw new UsageError(t('log.how-long', { ref }));
    const ctxJob = await jobContext(ctx, ref, now);
    let start: Date;
    let end: Date;
    if (SPAN.test(what)) {
      const s = parseSpan(what, ctxJob.zone, now, date);
      if (!s) throw invalid(t('log.not-a-span', { typed: what, zone: ctxJob.zone }));
      ({ start, end } = s);
    } else {
      if (date) throw new UsageError(t('log.date-needs-span'));
      const d = takeDuration(words2, 0, { nonZero: true });
      if (!d) throw new UsageError(t('log.neither', { typed: what }));
      words2 = [what, ...words2.slice(d.used)];
      const minutes = d.minutes;
      // A duration is work that has just ended.
      end = now;
      start = new Date(now.getTime() - minutes * 60_000);
    }
    const { code, note } = kind === 'travel' ? { code: undefined, note: words2.slice(1).join(' ') || undefined } : codeAndNote(words2.slice(1), ctxJob.codes);
    return withButton(ctx, async () => loggedCard(await logTime(ctx, { job: ref, start, end, code, kind, note, technician })));
  },
};
