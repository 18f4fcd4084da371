/**
 * Who clicked: a Slack user id → one person, linked by e-mail on first sight (users.info needs
 * users:read.email), with the zone and language of their Slack profile when they have none. Once linked, the people table answers without calling Slack. The e-mail of a
 * user we could not match is kept for a while so a stranger typing commands does not cost a
 * users.info call each time; the person lookup itself is always fresh, so someone an admin just
 * added is recognised at once. The link is by Slack user id: another account with the same e-mail
 * (a renamed or recreated account, a guest) never takes over a person already linked.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import type { Person } from '../../context.js';
import type { Logger } from '../../log.js';
import { and, eq, isNull } from 'drizzle-orm';
import { IANAZone } from 'luxon';
import { people } from '../../../db/schema.js';
import { personByPlatformId } from '../../people/person.js';
import { langOf } from '../../i18n/index.js';
import { t } from '../../i18n/t.js';

const usersInfo = z.object({
  user: z
    .object({
      is_bot: z.boolean().optional(),
      deleted: z.boolean().optional(),
      /** the user's IANA zone, as set in their Slack profile */
      tz: z.string().optional(),
      /** the user's Slack language ("fr-FR"), sent only when asked with include_locale */
      locale: z.string().optional(),
      profile: z.object({ email: z.string().optional() }).optional(),
    })
    .optional(),
});

const EMAIL_TTL_MS = 10 * 60_000;

export type Resolved = { person: Person } | { person: undefined; email: string | undefined };

export class SlackIdentity {
  private emails = new Map<string, { email: string | undefined; tz?: string; locale?: string; until: number }>();

  constructor(
    private db: Db,
    private log: Logger,
  ) {}

  async resolve(client: webApi.WebClient, userId: string): Promise<Resolved> {
    let email: string | undefined;
    const person = await personByPlatformId(
      this.db,
      'slack',
      userId,
      async () => {
        email = await this.email(client, userId);
        return email;
      },
      (linked) => this.log.warn({ userId, person: linked.id, linkedTo: linked.slackUserId }, 'a Slack account showed the e-mail of a person linked to another account; not linked'),
    );
    if (!person) return { person: undefined, email };
    const seen = this.emails.get(userId);
    return { person: await this.rememberLanguage(await this.rememberZone(person, seen?.tz), seen?.locale) };
  }

  /**
   * The language of the person's Slack client, stored when they are first linked and have none:
   * the bot then writes to them in it. A language someone chose (/language) stays.
   */
  private async rememberLanguage(person: Person, locale: string | undefined): Promise<Person> {
    const lang = langOf(locale);
    if (person.language || !lang) return person;
    await this.db.update(people).set({ language: lang }).where(and(eq(people.id, person.id), isNull(people.language)));
    return { ...person, language: lang };
  }

  /**
   * The zone from the Slack profile, stored when the person is first linked and has none: replies
   * and refusals then show times in it rather than in DEFAULT_ZONE. A zone someone set stays.
   */
  private async rememberZone(person: Person, tz: string | undefined): Promise<Person> {
    if (person.zone || !tz || !IANAZone.isValidZone(tz)) return person;
    await this.db.update(people).set({ zone: tz }).where(and(eq(people.id, person.id), isNull(people.zone)));
    return { ...person, zone: tz };
  }

  private async email(client: webApi.WebClient, userId: string): Promise<string | undefined> {
    const hit = this.emails.get(userId);
    if (hit && hit.until > Date.now()) return hit.email;
    let email: string | undefined;
    let tz: string | undefined;
    let locale: string | undefined;
    try {
      const r = usersInfo.parse(await client.users.info({ user: userId, include_locale: true }));
      // Bots and deactivated accounts never act as a person.
      email = r.user && !r.user.is_bot && !r.user.deleted ? r.user.profile?.email : undefined;
      tz = r.user?.tz;
      locale = r.user?.locale;
    } catch (err) {
      this.log.warn({ err: (err as Error).message, userId }, 'users.info failed');
      return undefined;
    }
    this.emails.set(userId, { email, ...(tz ? { tz } : {}), ...(locale ? { locale } : {}), until: Date.now() + EMAIL_TTL_MS });
    if (this.emails.size > 5000) this.emails.delete(this.emails.keys().next().value!);
    return email;
  }
}

export function unknownUserText(email: string | undefined): string {
  return t('replies-chat.slack-stranger', { email: email ?? 'none' });
}
