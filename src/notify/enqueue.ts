/**
 * Writing to the outbox, always inside the caller's transaction, so a post exists exactly when
 * the state it reports does. Keys make repeats no-ops (a retried click, a second replica's tick).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.js';
import { outbox, postedMessages, teamChannels, teams } from '../../db/schema.js';
import type { Ctx, Platform } from '../context.js';
import { langOf } from '../i18n/index.js';
import { personById } from '../people/person.js';
import { personLang } from '../reader-lang.js';

export type Purpose = 'dispatch' | 'approvals' | 'digest';

export interface Post {
  key: string;
  teamId: string;
  purpose: Purpose;
  subjectKind: string;
  subjectId: string | number;
  payload?: Record<string, unknown>;
}

/** Post to a team's channel on every platform it is bound on (and the terminal when it runs). */
export async function enqueuePost(ctx: Ctx, p: Post): Promise<number> {
  return enqueuePosts(ctx, [p]);
}

/** Many posts at once (the monitor's tick): one look-up of bindings, one insert. */
export async function enqueuePosts(ctx: Ctx, posts: Post[]): Promise<number> {
  if (!posts.length) return 0;
  const teamIds = [...new Set(posts.map((p) => p.teamId))];
  const bindings = await ctx.db.select().from(teamChannels).where(inArray(teamChannels.teamId, teamIds));
  // A post is written in its team's language (the deployment's when the team set none).
  const langs = new Map((await ctx.db.select({ id: teams.id, language: teams.language }).from(teams).where(inArray(teams.id, teamIds))).map((t) => [t.id, langOf(t.language)]));
  const now = ctx.clock.now().toISOString();
  const values = [];
  for (const p of posts) {
    const targets: { platform: Platform; target: unknown }[] = bindings
      .filter((b) => b.teamId === p.teamId && b.purpose === p.purpose)
      .map((b) => ({ platform: b.platform as Platform, target: b.target }));
    if (ctx.services.platforms.includes('shell') && !targets.some((t) => t.platform === 'shell')) {
      targets.push({ platform: 'shell', target: { team: p.teamId, purpose: p.purpose } });
    }
    for (const t of targets) {
      values.push({ key: p.key, platform: t.platform, subject_kind: p.subjectKind, subject_id: String(p.subjectId), target: t.target ?? {}, payload: p.payload ?? {}, next_attempt_at: now, lang: langs.get(p.teamId) ?? ctx.services.defaultLanguage });
    }
  }
  if (!values.length) return 0;
  // One raw statement: a tick may post a thousand alerts, and drizzle's builder costs more CPU for
  // that many rows of parameters than the insert itself.
  const rows = await rowsOf(
    ctx.db,
    sql`insert into outbox (key, platform, op, subject_kind, subject_id, target, payload, next_attempt_at, lang)
      select x.key, x.platform, 'post', x.subject_kind, x.subject_id, x.target, x.payload, x.next_attempt_at, x.lang
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(key text, platform text, subject_kind text, subject_id text, target jsonb, payload jsonb, next_attempt_at timestamptz, lang text)
      on conflict do nothing returning id`,
  );
  return rows.length;
}

/**
 * A direct message to one person, on the platforms where they are known; `notBefore` holds it
 * until then (a technician's next shift).
 */
export async function enqueueDirect(
  ctx: Ctx,
  p: { key: string; person: { id: number; slackUserId: string | null; teamsUserId: string | null }; subjectKind: string; subjectId: string | number; payload?: Record<string, unknown>; notBefore?: Date },
): Promise<void> {
  const platforms: Platform[] = [];
  if (p.person.slackUserId) platforms.push('slack');
  if (p.person.teamsUserId) platforms.push('teams');
  if (ctx.services.platforms.includes('shell')) platforms.push('shell');
  if (!platforms.length) return;
  // A direct message is written in the person's language.
  const lang = await personLang(ctx.db, (await personById(ctx.db, p.person.id)) ?? null, ctx.services.defaultLanguage);
  await ctx.db
    .insert(outbox)
    .values(
      platforms.map((platform) => ({
        key: p.key,
        platform,
        op: 'direct',
        subjectKind: p.subjectKind,
        subjectId: String(p.subjectId),
        target: { personId: p.person.id },
        payload: p.payload ?? {},
        lang,
        nextAttemptAt: p.notBefore && p.notBefore > ctx.clock.now() ? p.notBefore : ctx.clock.now(),
      })),
    )
    .onConflictDoNothing();
}

/** Every posted copy of a subject is rewritten (the card is rebuilt from current state). */
export async function enqueueUpdate(ctx: Ctx, subjectKind: string, subjectId: string | number, reason: string): Promise<void> {
  const copies = await ctx.db
    .select()
    .from(postedMessages)
    .where(and(eq(postedMessages.subjectKind, subjectKind), eq(postedMessages.subjectId, String(subjectId))));
  if (!copies.length) return;
  const stamp = ctx.clock.now().getTime();
  await ctx.db
    .insert(outbox)
    .values(
      copies.map((c) => ({
        key: `update:${subjectKind}:${subjectId}:${c.id}:${reason}:${stamp}`,
        platform: c.platform,
        op: 'update',
        subjectKind,
        subjectId: String(subjectId),
        target: { postedMessageId: c.id, ref: c.ref },
        // An update keeps the language the message was posted in.
        lang: c.lang,
        nextAttemptAt: ctx.clock.now(),
      })),
    )
    .onConflictDoNothing();
}
