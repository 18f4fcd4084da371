/**
 * `/mydata`: what the bot stores about the person asking, and nothing about anyone else. The bot
 * records only what people enter on jobs (time, parts, checklist steps, files, approvals); it has
 * no location tracking and records nothing outside a job's working time, so there is nothing else
 * to show.
 */
import { heldSkills } from '../dispatch/offers.js';
import type { HeldSkill } from '../rules/technician-offer.js';
import { desc, eq, or, sql } from 'drizzle-orm';
import { approvals, attachments, checklistTicks, correctionRequests, jobs, people, timeEntries } from '../../db/schema.js';
import { requirePerson } from '../auth.js';
import type { Ctx } from '../context.js';

/**
 * Everything the bot stores about a person, by kind: `/mydata` shows each kind's records under
 * these labels and the privacy page (`/privacy`) lists them, so the two cannot disagree.
 */
export const STORED_ABOUT_A_PERSON = [
  { key: 'profile', label: 'Who you are', what: 'your name, work e-mail, roles, teams, time zone and language, and the Slack, Teams or terminal id that links your chat account to you' },
  { key: 'timeEntries', label: 'Time entries', what: 'the time you log on jobs: start, length, activity code and note' },
  { key: 'approvals', label: 'Approvals you asked for or decided', what: 'out-of-scope work, credits and permits you asked for or decided, with the reasons given' },
  { key: 'steps', label: 'Checklist steps and files', what: 'checklist steps you confirmed (with readings) and the photos, signatures and files you attached to jobs' },
  { key: 'corrections', label: 'Your flags', what: 'errors you flagged in your data, and how a dispatcher handled them' },
  { key: 'locations', label: 'Locations', what: 'none: the bot does not track where people are, and records nothing outside the work entered on jobs' },
] as const;

export type StoredKind = (typeof STORED_ABOUT_A_PERSON)[number]['key'];

export function storedLabel(key: StoredKind): string {
  return STORED_ABOUT_A_PERSON.find((k) => k.key === key)!.label;
}

/** Enough to read on a phone; the counts say when there is more (the API export has it all). */
export const MY_DATA_LIMIT = 50;

export interface MyData {
  person: { id: number; name: string; email: string; roles: string[]; teams: string[]; zone: string | null; onSlack: boolean; onTeams: boolean; terminal: string | null; skills: HeldSkill[]; hours: string | null; onCall: string | null; createdAt: Date };
  timeEntries: { id: number; ref: string; job: string; code: string; kind: string; start: Date; end: Date | null; minutes: number | null; note: string | null; deleted: boolean }[];
  timeEntryCount: number;
  approvals: { id: number; ref: string; kind: string; job: string | null; status: string; role: 'requested' | 'decided'; at: Date; reason: string }[];
  ticks: { id: number; job: string; code: string; step: number; at: Date }[];
  attachments: { id: number; job: string; fileName: string; at: Date }[];
  corrections: { id: number; subject: string; note: string; status: string; at: Date; resolution: string | null }[];
  locations: 'none stored';
}

export async function myData(ctx: Ctx): Promise<MyData> {
  const me = requirePerson(ctx);
  const db = ctx.db;
  const [p] = await db.select().from(people).where(eq(people.id, me.id));
  const [entries, [count], appr, ticks, files, corr] = await Promise.all([
    db.select({ e: timeEntries, ref: jobs.ref }).from(timeEntries).innerJoin(jobs, eq(jobs.id, timeEntries.jobId)).where(eq(timeEntries.personId, me.id)).orderBy(desc(timeEntries.startAt)).limit(MY_DATA_LIMIT),
    db.select({ n: sql<number>`count(*)::int` }).from(timeEntries).where(eq(timeEntries.personId, me.id)),
    db
      .select({ a: approvals, ref: jobs.ref })
      .from(approvals)
      .leftJoin(jobs, eq(jobs.id, approvals.jobId))
      .where(or(eq(approvals.requesterId, me.id), eq(approvals.deciderId, me.id)))
      .orderBy(desc(approvals.id))
      .limit(MY_DATA_LIMIT),
    db.select({ t: checklistTicks, ref: jobs.ref }).from(checklistTicks).innerJoin(jobs, eq(jobs.id, checklistTicks.jobId)).where(eq(checklistTicks.personId, me.id)).orderBy(desc(checklistTicks.at)).limit(MY_DATA_LIMIT),
    db.select({ a: attachments, ref: jobs.ref }).from(attachments).innerJoin(jobs, eq(jobs.id, attachments.jobId)).where(eq(attachments.uploadedBy, me.id)).orderBy(desc(attachments.id)).limit(MY_DATA_LIMIT),
    db.select().from(correctionRequests).where(eq(correctionRequests.personId, me.id)).orderBy(desc(correctionRequests.id)).limit(MY_DATA_LIMIT),
  ]);
  return {
    person: {
      id: me.id,
      name: me.name,
      email: me.email,
      roles: me.roles,
      teams: me.teams,
      zone: me.zone,
      onSlack: Boolean(p?.slackUserId),
      onTeams: Boolean(p?.teamsUserId),
      terminal: p?.shellHandle ?? null,
      skills: p ? heldSkills(p) : [],
      hours: p?.hours ?? null,
      onCall: p?.onCall ?? null,
      createdAt: p?.createdAt ?? new Date(0),
    },
    timeEntries: entries.map(({ e, ref }) => ({
      id: e.id,
      ref: `T${e.id}`,
      job: ref,
      code: e.code,
      kind: e.kind,
      start: e.startAt,
      end: e.endAt,
      minutes: e.endAt ? Math.round((e.endAt.getTime() - e.startAt.getTime()) / 60_000) : null,
      note: e.note,
      deleted: e.deletedAt !== null,
    })),
    timeEntryCount: count?.n ?? 0,
    approvals: appr.map(({ a, ref }) => ({
      id: a.id,
      ref: `A${a.id}`,
      kind: a.kind,
      job: ref,
      status: a.status,
      role: a.requesterId === me.id ? ('requested' as const) : ('decided' as const),
      at: a.requesterId === me.id ? a.createdAt : (a.decidedAt ?? a.createdAt),
      reason: a.requesterId === me.id ? a.reason : (a.decisionReason ?? ''),
    })),
    ticks: ticks.map(({ t, ref }) => ({ id: t.id, job: ref, code: t.code, step: t.stepIndex + 1, at: t.at })),
    attachments: files.map(({ a, ref }) => ({ id: a.id, job: ref, fileName: a.fileName, at: a.createdAt })),
    corrections: corr.map((c) => ({ id: c.id, subject: c.subjectId ?? c.subjectKind, note: c.note, status: c.status, at: c.createdAt, resolution: c.resolution })),
    locations: 'none stored',
  };
}
