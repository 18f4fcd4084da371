/**
 * Notices the bot queues on its own are worded when delivered, in the reader's language: the
 * requester's for an approval expired or decided, the team's for a post in its dispatch channel
 * (an e-mail not delivered, delayed or partly delivered; a planned visit with nobody to send or
 * beyond its site's cap; prepaid hours running low). English readers read them as before, and a
 * row queued with its text already written still delivers that text.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { customerMessages, jobs, outbox, people } from '../../db/schema.js';
import { decide } from '../../src/approvals/decide.js';
import { expireAndRemind } from '../../src/approvals/expire-and-remind.js';
import { requestOutOfScope } from '../../src/approvals/request-out-of-scope.js';
import { inLanguage } from '../../src/i18n/index.js';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../src/i18n/t.js';
import { createJob } from '../../src/jobs/create-job.js';
import { deliverMessages } from '../../src/messages/deliver-messages.js';
import { classifyMailError, type Mailer } from '../../src/messages/mailer.js';
import { noticeCard } from '../../src/notify/notice-card.js';
import { noticePayload, type Notice } from '../../src/notify/notice.js';
import { generateVisits } from '../../src/recurring/generate-visits.js';
import { cardText } from '../proof/helpers.js';
import { testKit, type TestKit } from '../support/app.js';
import { noticeWords } from '../support/notices.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T09:00:00Z' });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-23T09:00:00Z');
});

/** Intl writes French durations with narrow no-break spaces; the tests read them as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const say = async (who: string, line: string) => cardText(await kit.app.dispatch(await kit.as(who), line));
/** Words of the English notices; none may be left in a French one. */
const ENGLISH = /\b(Your|request|expired|Nobody|decided|within|Ask|again|was|approved|your|delivered|delayed|failed|tried|attempts|kept|Planned|visit|nobody|send|qualified|shift|Assign|off until|open jobs?|the mail server|refused|reached|Check)\b/;

async function notices(where?: { subjectId?: string; op?: string }) {
  const rows = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'notice')).orderBy(outbox.id);
  return rows.filter((r) => (!where?.subjectId || r.subjectId === where.subjectId) && (!where?.op || r.op === where.op));
}

async function personId(handle: string): Promise<number> {
  const [p] = await kit.db.db.select().from(people).where(eq(people.shellHandle, handle));
  return p!.id;
}

describe('an approval request expired or decided, told to its requester', () => {
  it('reads French for a French requester', async () => {
    await say('tom', '/language fr');
    const { ref } = await createJob(await kit.as('dana'), { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Bruit de ventilation' });
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    kit.clock.advance(72 * 60);
    expect((await expireAndRemind(kit.app.ctx))?.expired).toBe(1);
    const [dm] = await notices({ op: 'direct' });
    expect((dm!.target as { personId: number }).personId).toBe(await personId('tom'));
    const told = await noticeWords(kit.app.ctx, dm!);
    expect(told.title).toBe(`Votre demande n°${r.row.id} a expiré`);
    expect(plain(told.text)).toBe(`Personne n’a statué sur votre demande n°${r.row.id} (travaux hors périmètre) en 72 h. Refaites-la si elle est toujours nécessaire.`);
    expect(`${told.title} ${told.text}`).not.toMatch(ENGLISH);
  });

  it('reads English for an English requester, as before', async () => {
    const { ref } = await createJob(await kit.as('dana'), { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Air handler noisy' });
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    kit.clock.advance(72 * 60);
    await expireAndRemind(kit.app.ctx);
    const told = await noticeWords(kit.app.ctx, (await notices({ op: 'direct' }))[0]!);
    expect(told.title).toBe(`Your request #${r.row.id} expired`);
    expect(told.text).toBe(`Nobody decided your out-of-scope work request #${r.row.id} within 72h. Ask again if it is still needed.`);
  });

  it('a decision reads in the requester\'s language, not the decider\'s', async () => {
    await say('tom', '/language fr');
    const { ref } = await createJob(await kit.as('dana'), { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Bruit de ventilation' });
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    await decide(await kit.as('max'), { approval: r.row.id, approve: false, reason: 'pas cette semaine' });
    const told = await noticeWords(kit.app.ctx, (await notices({ op: 'direct' }))[0]!);
    expect(told.title).toBe(`Votre demande n°${r.row.id} a été refusée`);
    expect(told.text).toMatch(new RegExp(`^Max Manager a refusé votre demande \\(travaux hors périmètre\\)\u00a0: DUCT-CLEAN .* sur ${ref} pour .* \\(pas cette semaine\\)\\.$`));
    // Its quantity and money as French writes them: "2 h", "170,00 €", not "2h", "EUR 170.00".
    expect(told.text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/DUCT-CLEAN 2 h sur .* pour \d+,\d\d €/);
    expect(`${told.title} ${told.text}`).not.toMatch(ENGLISH);
  });
});

describe("an e-mail that did not go out, told in the team's dispatch channel", () => {
  const refusing: Mailer = {
    describe: 'refusing',
    send: async () => {
      throw classifyMailError(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550, response: '550 5.1.1 <x@acme.example>: no such user' }));
    },
    close: () => undefined,
  };
  const down: Mailer = {
    describe: 'down',
    send: async () => {
      throw classifyMailError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }));
    },
    close: () => undefined,
  };
  const partly: Mailer = { describe: 'partly', send: async (m) => ({ ref: m.messageId, rejected: [m.to[m.to.length - 1]!] }), close: () => undefined };

  /** An ACME-HVAC job's confirmation, sent: the e-mail is queued for the mailer. */
  async function queuedConfirmation(): Promise<{ ref: string; id: number; to: string[] }> {
    const { ref } = await createJob(await kit.as('dana'), { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Clim en panne' });
    const [job] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    const [m] = await kit.db.db.select().from(customerMessages).where(and(eq(customerMessages.kind, 'confirmation'), eq(customerMessages.jobId, job!.id)));
    await say('dana', `/message send ${m!.id}`);
    return { ref, id: m!.id, to: m!.recipients };
  }

  it('not delivered, delayed and partly delivered read French for a French team', async () => {
    await say('ada', '/team language hvac-paris fr');
    const a = await queuedConfirmation();
    expect(await deliverMessages(kit.app.ctx, refusing)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const failed = await noticeWords(kit.app.ctx, (await notices({ subjectId: String(a.id) }))[0]!);
    expect(failed.title).toBe(`E-mail non remis\u00a0: ${a.ref}`);
    expect(failed.text).toBe(
      `Échec définitif de l’envoi\u00a0: la confirmation pour ${a.ref} à ${a.to.join(', ')} (le serveur de messagerie l’a refusé (550 5.1.1 <x@acme.example>: no such user)). Le message est conservé\u00a0: renvoyez-le depuis sa carte ou avec /message send ${a.id}.`,
    );
    await kit.db.db.delete(outbox);

    await kit.db.db.update(customerMessages).set({ status: 'sending', attempts: 0, nextAttemptAt: kit.clock.now() }).where(eq(customerMessages.id, a.id));
    expect(await deliverMessages(kit.app.ctx, down)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const delayed = await noticeWords(kit.app.ctx, (await notices({ subjectId: String(a.id) }))[0]!);
    expect(delayed.title).toBe(`E-mail retardé\u00a0: ${a.ref}`);
    expect(delayed.text).toMatch(/^Échec de l’envoi\u00a0: la confirmation pour .* \(ESOCKET: connect ECONNREFUSED 127\.0\.0\.1:25\)\. Nouvel essai à 09:01 UTC \(au plus 6 tentatives\)\.$/);
    expect(`${failed.title} ${delayed.title} ${delayed.text}`).not.toMatch(ENGLISH);

    const b = await queuedConfirmation();
    await kit.db.db.update(customerMessages).set({ recipients: ['facilities@acme.example', 'old@acme.example'] }).where(eq(customerMessages.id, b.id));
    expect(await deliverMessages(kit.app.ctx, partly)).toMatchObject({ sent: 1 });
    const refused = await noticeWords(kit.app.ctx, (await notices({ subjectId: String(b.id) }))[0]!);
    expect(refused.title).toBe(`E-mail remis en partie\u00a0: ${b.ref}`);
    expect(refused.text).toBe(
      `Remise partielle\u00a0: la confirmation pour ${b.ref}. Destinataires atteints\u00a0: facilities@acme.example\u202f; refusés par le serveur de messagerie\u00a0: old@acme.example. Vérifiez les contacts de ACME-HVAC (un avenant au contrat corrige une adresse).`,
    );
  });

  it('reads English for an English team, as before', async () => {
    const a = await queuedConfirmation();
    await deliverMessages(kit.app.ctx, refusing);
    const failed = await noticeWords(kit.app.ctx, (await notices({ subjectId: String(a.id) }))[0]!);
    expect(failed.title).toBe(`E-mail not delivered: ${a.ref}`);
    expect(failed.text).toBe(
      `The confirmation e-mail for ${a.ref} to ${a.to.join(', ')} was not delivered: the mail server refused it (550 5.1.1 <x@acme.example>: no such user). The message is kept: send it again from its card or with /message send ${a.id}.`,
    );
  });
});

describe("a planned visit with nobody to send, told in the team's dispatch channel", () => {
  it('reads French for a French team, each technician\'s reason in French', async () => {
    kit.clock.set('2026-11-23T08:00:00Z');
    await say('ada', '/team language hvac-paris fr');
    await generateVisits(kit.app.ctx, 14);
    const [par] = await kit.db.db.select().from(jobs).where(and(eq(jobs.recurrenceKey, 'ACME-HVAC:PAR-HQ:HVAC-PM:2026-12-05')));
    const told = await noticeWords(kit.app.ctx, (await notices({ subjectId: par!.ref }))[0]!);
    expect(told.title).toBe(`Visite planifiée sans personne à envoyer\u00a0: ${par!.ref}`);
    expect(told.text).toContain('Aucune personne qualifiée n’est en poste ce jour-là (');
    expect(told.text).toMatch(/Tess Technician\u00a0: en repos jusqu’à lun\. 08:00, 0 intervention en cours/);
    expect(told.text).toContain('Attribuez-la depuis /queue.');
    expect(told.text.replace(par!.summary, '')).not.toMatch(ENGLISH);
  });
});

describe('every notice kind', () => {
  const why = { skills: [{ skill: 'fgas', state: 'held' as const }], when: { state: 'off' as const, until: new Date('2026-12-07T07:00:00Z') }, zone: 'Europe/Paris', now: new Date('2026-12-05T09:00:00Z'), openJobs: 1 };
  const all: Notice[] = [
    { kind: 'planned-unassigned', ref: 'J-1', summary: 'HVAC-PM', site: 'PAR-HQ', team: 'hvac-paris', offers: [{ name: 'Tess', why }] },
    { kind: 'planned-unassigned', ref: 'J-1', summary: 'HVAC-PM', site: 'PAR-HQ', team: 'hvac-paris', offers: [] },
    { kind: 'planned-over-cap', ref: 'J-2', name: 'HVAC-PM', site: 'PAR-HQ', date: '2026-12-05', contract: 'ACME-HVAC', n: 15, visits: 14, per: 'year' },
    { kind: 'approval-expired', id: 3, approvalKind: 'goodwill', afterMinutes: 4320 },
    { kind: 'prepaid-low', contract: 'STLUKE-BIOMED', bank: 1, hours: 120, codes: ['BIOMED-SVC'], from: '2026-01-15', until: '2027-01-14', left: 1440, share: 20, threshold: 20 },
    { kind: 'mail-refused', message: 4, messageKind: 'delay', about: 'J-4', contract: 'ACME-HVAC', reached: ['a@x.example'], refused: ['b@x.example'] },
    { kind: 'mail-failed', message: 5, messageKind: 'invoice', about: 'F-1', recipients: ['a@x.example'], error: { reason: 'settings', detail: 'EAUTH: 535' }, gaveUp: true, attempts: 6, maxAttempts: 6 },
    { kind: 'mail-failed', message: 5, messageKind: 'invoice', about: 'F-1', recipients: ['a@x.example'], error: { reason: 'pdf', detail: 'x' }, gaveUp: false, attempts: 0, next: '2026-12-05T09:01:00Z', maxAttempts: 6 },
  ];
  /** The values a notice carries, which are data and stay as they are. */
  const DATA = /J-\d|PAR-HQ|HVAC-PM|hvac-paris|ACME-HVAC|STLUKE-BIOMED|BIOMED-SVC|F-1|[a-z]@x\.example|EAUTH: 535|Tess|fgas|\/queue|\/message send|\b\d+\b|[\d:%#-]+|UTC/g;

  it('is worded through the catalog: in the pseudo-locale nothing but data lies outside the brackets', async () => {
    for (const n of all) {
      const c = await inLanguage('pseudo', () => noticeCard(kit.app.ctx, noticePayload(n)));
      let outside = `${c.title}\n${cardText(c)}`;
      // A message holds others (a technician's reason in the visit's notice): take them out innermost first.
      for (let before = ''; before !== outside; ) [before, outside] = [outside, outside.replace(new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_OPEN}${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'g'), ' ')];
      outside = outside.replace(DATA, ' ');
      expect(outside.match(/\p{L}{2,}/gu) ?? [], n.kind).toEqual([]);
    }
  });

  it('reads French with French dates, durations and periods', async () => {
    const fr = async (n: Notice) => {
      const c = await inLanguage('fr', () => noticeCard(kit.app.ctx, noticePayload(n)));
      return plain(`${c.title}\n${cardText(c)}`);
    };
    expect(await fr(all[2]!)).toContain('PAR-HQ le 5 déc. 2026 (ACME-HVAC) serait la visite couverte n°15 sur 14 par an à PAR-HQ : au-delà du plafond.');
    expect(await fr(all[4]!)).toContain('STLUKE-BIOMED : il reste 24 h au forfait d’heures n°1 (120 h de BIOMED-SVC, du 15 janv. 2026 au 14 janv. 2027), soit 20 %.');
    expect(await fr(all[6]!)).toContain('Échec définitif de l’envoi après 6 tentatives : l’e-mail de facture pour F-1 à a@x.example (les réglages du serveur de messagerie sont faux (EAUTH: 535)).');
    for (const n of all) expect((await fr(n)).replace(/\/message send|\/queue/g, ''), n.kind).not.toMatch(ENGLISH);
  });

  it('a row queued with its title and text written delivers them as they are', async () => {
    const c = await inLanguage('fr', () => noticeCard(kit.app.ctx, { title: 'Prepaid hours at 20% or less: STLUKE-BIOMED', text: 'Written when queued.' }));
    expect(c.title).toBe('Prepaid hours at 20% or less: STLUKE-BIOMED');
    expect(cardText(c)).toContain('Written when queued.');
  });
});
