/**
 * A person's language: /language sets it and the bot answers in it from that reply on; /mydata
 * shows it and where it comes from; an admin sets a team's, which its members without one and the
 * team's channel posts follow; a direct message is built in the person's language.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { card, type Card } from '../../cards/card.js';
import { outbox, people } from '../../db/schema.js';
import { currentLang } from '../../src/i18n/index.js';
import { enqueueDirect, enqueuePost } from '../../src/notify/enqueue.js';
import { testKit, type TestKit } from '../support/app.js';
import { cardText } from '../proof/helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const say = async (who: string, line: string) => cardText(await kit.app.dispatch(await kit.as(who), line));
const languageOf = async (handle: string) => (await kit.db.db.select().from(people).where(eq(people.shellHandle, handle)))[0]!.language;

describe('/language', () => {
  it('sets the person\'s language and answers in it; every later reply follows', async () => {
    expect(await say('tom', '/language fr')).toContain('Désormais le bot vous écrit en français.');
    expect(await languageOf('tom')).toBe('fr');
    expect(await say('tom', '/check')).toContain('Quelle intervention\u202f? /check J-1001');
    expect(await say('tom', '/job show J-9999')).toMatch(/Introuvable[\s\S]*Aucune intervention J-9999\./);
    expect(await say('dana', '/job show J-9999')).toMatch(/Not found[\s\S]*No job J-9999\./);
    expect(await say('tom', '/language en')).toContain('From now on the bot writes to you in English.');
  });

  it('refuses a language the bot does not speak, naming those it does, and keeps the one set', async () => {
    await say('tom', '/language fr');
    expect(await say('tom', '/language de')).toContain('«\u202fde\u202f» n’est pas une langue que le bot parle\u202f; utilisez en ou fr.');
    expect(await languageOf('tom')).toBe('fr');
  });

  it('/language alone and /mydata say which language and where it comes from', async () => {
    expect(await say('tom', '/language')).toContain('The bot writes to you in English, the deployment’s default.');
    await say('tom', '/language fr');
    expect(await say('tom', '/language')).toContain('Le bot vous écrit en français, votre réglage');
    expect(await say('tom', '/mydata')).toMatch(/Langue\s+français \(votre choix\)/);
  });

  it('an admin sets a team\'s language: its members who chose none read it, and a technician may not set it', async () => {
    expect(await say('tom', '/team language hvac-paris fr')).toMatch(/Only admin can set a team language/);
    expect(await say('ada', '/team language hvac-paris fr')).toContain('hvac-paris’s channel posts, and its members who chose no language, are in French from now on.');
    expect(await say('dana', '/help')).toContain('Ce qu’elle fait');
    expect(await say('dana', '/mydata')).toMatch(/Langue\s+français \(celle de votre équipe\)/);
    await say('dana', '/language en');
    expect(await say('dana', '/help')).toContain('What it does');
  });
});

describe('the notifier', () => {
  it('builds a team\'s channel post in the team\'s language and a direct message in the person\'s', async () => {
    await say('ada', '/team language hvac-paris fr');
    await say('tess', '/language fr');
    const built: string[] = [];
    kit.app.notifier.register('lang-probe', async () => {
      built.push(currentLang());
      return card('info', currentLang());
    });
    const seen: Card[] = [];
    kit.app.notifier.addDeliverer({ platform: 'shell', post: async (_t, c) => (seen.push(c), { line: 1 }), update: async () => {}, direct: async (_p, c) => (seen.push(c), { line: 2 }) });
    const ctx = await kit.as('dana');
    const [tess] = await kit.db.db.select().from(people).where(eq(people.shellHandle, 'tess'));
    const [tom] = await kit.db.db.select().from(people).where(eq(people.shellHandle, 'tom'));
    await kit.db.db.update(people).set({ teams: [] }).where(eq(people.id, tom!.id));
    await enqueuePost(ctx, { key: 'probe-fr', teamId: 'hvac-paris', purpose: 'dispatch', subjectKind: 'lang-probe', subjectId: 1 });
    await enqueuePost(ctx, { key: 'probe-en', teamId: 'gulf-field', purpose: 'dispatch', subjectKind: 'lang-probe', subjectId: 2 });
    await enqueueDirect(ctx, { key: 'probe-tess', person: tess!, subjectKind: 'lang-probe', subjectId: 3 });
    await enqueueDirect(ctx, { key: 'probe-tom', person: tom!, subjectKind: 'lang-probe', subjectId: 4 });
    const rows = await kit.db.db.select({ key: outbox.key, lang: outbox.lang }).from(outbox).where(eq(outbox.subjectKind, 'lang-probe')).orderBy(outbox.id);
    expect(rows).toEqual([
      { key: 'probe-fr', lang: 'fr' },
      { key: 'probe-en', lang: 'en' },
      { key: 'probe-tess', lang: 'fr' },
      { key: 'probe-tom', lang: 'en' },
    ]);
    await kit.app.notifier.deliverDue();
    expect(built).toEqual(['fr', 'en', 'fr', 'en']);
    expect(seen.map((c) => c.title)).toEqual(['fr', 'en', 'fr', 'en']);
  });
});
