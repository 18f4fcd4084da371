import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { people } from '../../db/schema.js';
import type { Person } from '../context.js';
import { langOf } from '../i18n/lang.js';
import type { Role } from '../rules/contract-types.js';
import { t } from '../i18n/index.js';

type Row = typeof people.$inferSelect;

/**
 * The e-mail domain of the service people API tokens act as (`createToken`): not humans, so they
 * never count as the admin who keeps the bot manageable.
 */
export const SERVICE_EMAIL_DOMAIN = 'tokens.invalid';

/** SQL: the person row is a human, not a token's service person. */
export const isHuman = sql`lower(${people.email}) not like ${'%@' + SERVICE_EMAIL_DOMAIN}`;

export function toPerson(r: Row): Person {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    roles: r.roles as Role[],
    teams: r.teams,
    zone: r.zone,
    language: langOf(r.language) ?? null,
    slackUserId: r.slackUserId,
    teamsUserId: r.teamsUserId,
  };
}

export async function personById(db: DbOrTx, id: number): Promise<Person | undefined> {
  const [r] = await db.select().from(people).where(eq(people.id, id));
  return r ? toPerson(r) : undefined;
}

export async function personByEmail(db: DbOrTx, email: string): Promise<Person | undefined> {
  const [r] = await db.select().from(people).where(sql`lower(${people.email}) = lower(${email})`);
  return r ? toPerson(r) : undefined;
}

export async function personByHandle(db: DbOrTx, handle: string): Promise<Person | undefined> {
  const [r] = await db.select().from(people).where(sql`lower(${people.shellHandle}) = lower(${handle})`);
  return r ? toPerson(r) : undefined;
}

/**
 * Find a person by a platform id; on first sight, link by e-mail (one person per human across
 * Slack, Teams and the terminal). `email` is looked up lazily: only when the id is not linked yet.
 * A person already linked to another account of that platform stays with it: a second account
 * showing the same e-mail is a stranger, not a takeover (undefined, and `onConflict` is told).
 */
export async function personByPlatformId(
  db: DbOrTx,
  platform: 'slack' | 'teams',
  platformId: string,
  email: () => Promise<string | undefined>,
  onConflict?: (person: Person) => void,
): Promise<Person | undefined> {
  const col = platform === 'slack' ? people.slackUserId : people.teamsUserId;
  const [r] = await db.select().from(people).where(eq(col, platformId));
  if (r) return toPerson(r);
  const mail = await email();
  if (!mail) return undefined;
  const byMail = await personByEmail(db, mail);
  if (!byMail) return undefined;
  const link = platform === 'slack' ? { slackUserId: platformId } : { teamsUserId: platformId };
  // Only an unlinked person is linked (or one already linked to this very account: two first
  // requests of one user at once both find the person unlinked, and both are that person).
  const [linked] = await db
    .update(people)
    .set(link)
    .where(and(eq(people.id, byMail.id), or(isNull(col), eq(col, platformId))))
    .returning();
  if (linked) return toPerson(linked);
  onConflict?.(byMail);
  return undefined;
}

const SLACK_MENTION = /^<@([A-Z0-9]+)(?:\|([^>]*))?>$/;

/**
 * What was typed, as a person reads it: a Slack mention `<@U123|ghost>` is `@ghost` (`@U123`
 * without a name), never the raw token; anything else is unchanged.
 */
export function typedLabel(typed: string): string {
  const m = SLACK_MENTION.exec(typed.trim());
  if (!m) return typed;
  return `@${m[2] || m[1]}`;
}

/** "Nobody matches …", with the hint that fits what was typed. */
export function nobodyMatches(typed: string): string {
  if (SLACK_MENTION.test(typed.trim())) return t('errors-admin.nobody-slack', { who: typedLabel(typed) });
  return t('errors-admin.nobody', { typed });
}

/** People by a mention or name typed in chat: @handle, e-mail, Slack <@U123>, or a name part. */
export async function findPeople(db: DbOrTx, typed: string): Promise<Person[]> {
  const t = typed.trim();
  const slack = SLACK_MENTION.exec(t);
  if (slack) {
    const [r] = await db.select().from(people).where(eq(people.slackUserId, slack[1]!));
    return r ? [toPerson(r)] : [];
  }
  const bare = t.replace(/^@/, '');
  const rows = await db
    .select()
    .from(people)
    .where(
      sql`lower(${people.email}) = lower(${bare}) or lower(${people.shellHandle}) = lower(${bare}) or ${people.slackUserId} = ${bare} or ${people.teamsUserId} = ${bare} or lower(${people.name}) like ${'%' + bare.toLowerCase() + '%'}`,
    );
  return rows.map(toPerson);
}
