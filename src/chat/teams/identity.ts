/**
 * Who is writing or clicking: a Teams user → one person, by AAD object id, linked by e-mail on
 * first sight (the e-mail comes from the conversation's member list). Once linked, the people
 * table answers without calling Teams. A stranger's e-mail is kept for a while so their repeated
 * messages do not each cost a member look-up; the person look-up itself is always fresh.
 */
import type { Db } from '../../../db/client.js';
import type { Person } from '../../context.js';
import type { Logger } from '../../log.js';
import { personByPlatformId } from '../../people/person.js';
import { and, eq, isNull } from 'drizzle-orm';
import { IANAZone } from 'luxon';
import { people } from '../../../db/schema.js';
import { senderLocale, senderZone, type Inbound } from './activity.js';
import { langOf } from '../../i18n/index.js';
import type { Connector } from './connector.js';

const EMAIL_TTL_MS = 10 * 60_000;

export type Resolved = { person: Person } | { person: undefined; email: string | undefined };

export class TeamsIdentity {
  private emails = new Map<string, { email: string | undefined; until: number }>();

  constructor(
    private db: Db,
    private connector: Connector,
    private log: Logger,
  ) {}

  async resolve(a: Inbound): Promise<Resolved> {
    // Teams always sends the AAD object id for people; the Teams user id is the fallback for clients that do not.
    const id = a.from.aadObjectId ?? a.from.id;
    let email: string | undefined;
    const person = await personByPlatformId(this.db, 'teams', id, async () => {
      email = await this.email(a);
      return email;
    });
    if (!person) return { person: undefined, email };
    return { person: await this.rememberLanguage(await this.rememberZone(person, senderZone(a)), senderLocale(a)) };
  }

  /**
   * A person's language, from their Teams client, the first time it is known: the bot then
   * writes to them in it. A language someone chose (/language) stays theirs.
   */
  private async rememberLanguage(person: Person, locale: string | undefined): Promise<Person> {
    const lang = langOf(locale);
    if (person.language || !lang) return person;
    await this.db.update(people).set({ language: lang }).where(and(eq(people.id, person.id), isNull(people.language)));
    return { ...person, language: lang };
  }

  /**
   * A person's zone, from their Teams client, the first time it is known: replies and refusals
   * then show times in it rather than in DEFAULT_ZONE. A zone someone set stays theirs.
   */
  private async rememberZone(person: Person, zone: string | undefined): Promise<Person> {
    if (person.zone || !zone || !IANAZone.isValidZone(zone)) return person;
    await this.db.update(people).set({ zone }).where(and(eq(people.id, person.id), isNull(people.zone)));
    return { ...person, zone };
  }

  private async email(a: Inbound): Promise<string | undefined> {
    const key = a.from.id;
    const hit = this.emails.get(key);
    if (hit && hit.until > Date.now()) return hit.email;
    let email: string | undefined;
    try {
      email = await this.connector.memberEmail(a.serviceUrl, a.conversation.id, a.from.id);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'Teams member look-up failed');
      return undefined;
    }
    this.emails.set(key, { email, until: Date.now() + EMAIL_TTL_MS });
    if (this.emails.size > 5000) this.emails.delete(this.emails.keys().next().value!);
    return email;
  }
}
