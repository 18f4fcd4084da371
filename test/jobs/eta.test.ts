/**
 * The ETA (issue #8 §4): set by a dispatcher or the assigned technician with /job eta, with
 * en_route --eta, or through the API; read in the site's zone; a past or garbled time is refused
 * with nothing written; it shows on the job card and fills {{job.eta}} in the departure message.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../cards/text.js';
import { auditLog, customerMessages, jobEvents, jobs } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { parseEta } from '../../src/jobs/set-eta.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T09:00:00Z'); // Tue 10:00 in Paris (ACME-HVAC's PAR-HQ)
});

const PARIS = 'Europe/Paris';
const at = (iso: string) => new Date(iso);

async function say(who: string, text: string): Promise<string> {
  const cards = await kit.app.dispatch(await kit.as(who), text);
  return cards.map((c) => renderText(c, { zone: 'UTC' })).join('\n');
}

async function acmeJob(): Promise<string> {
  await say('dana', '/job new ACME-HVAC PAR-HQ P2 Chiller tripping');
  await say('dana', '/job assign J-1001 tom');
  return 'J-1001';
}

const row = async () => (await kit.db.db.select().from(jobs).where(eq(jobs.ref, 'J-1001')))[0]!;
const etaEvents = async () => kit.db.db.select().from(jobEvents).where(eq(jobEvents.kind, 'eta'));
const departure = async () => (await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'departure')))[0];

describe('parseEta', () => {
  const now = at('2026-11-24T09:00:00Z'); // 10:00 Paris
  it('reads hh:mm as the nearest such time in the site zone, +45m from now, ISO in the site zone', () => {
    expect(parseEta('14:30', PARIS, now)?.toISOString()).toBe('2026-11-24T13:30:00.000Z');
    expect(parseEta('09:30', PARIS, now)?.toISOString()).toBe('2026-11-24T08:30:00.000Z'); // past: refused by the verb
    // at 23:50, "00:15" is tomorrow's
    expect(parseEta('00:15', PARIS, at('2026-11-24T22:50:00Z'))?.toISOString()).toBe('2026-11-24T23:15:00.000Z');
    expect(parseEta('+45m', PARIS, now)?.toISOString()).toBe('2026-11-24T09:45:00.000Z');
    expect(parseEta('+1h30m', PARIS, now)?.toISOString()).toBe('2026-11-24T10:30:00.000Z');
    expect(parseEta('2026-11-25T08:00', PARIS, now)?.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(parseEta('2026-11-25T08:00Z', PARIS, now)?.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    for (const bad of ['soon', '25:00', '14:75', '+', '+soon', '2026-13-01T10:00', '1430']) expect(parseEta(bad, PARIS, now), bad).toBeUndefined();
  });
});

describe('/job eta', () => {
  it('a dispatcher sets it; the card shows it in the site zone, a job event and an audit row record it', async () => {
    await acmeJob();
    const out = await say('dana', '/job eta J-1001 14:30');
    expect(out).toMatch(/ETA on site\s+Tue 24 Nov 14:30 CET/);
    expect((await row()).eta?.toISOString()).toBe('2026-11-24T13:30:00.000Z');
    const [e] = await etaEvents();
    expect(e).toMatchObject({ fromValue: null, toValue: '2026-11-24T13:30:00.000Z', actorLabel: expect.stringMatching(/Dana/) });
    const trail = await kit.db.db.select().from(auditLog).where(and(eq(auditLog.action, 'job.eta'), eq(auditLog.subjectId, 'J-1001')));
    expect(trail).toHaveLength(1);
    // changed later, then cleared
    await say('dana', '/job eta J-1001 +2h');
    expect((await row()).eta?.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(await say('dana', '/job eta J-1001 clear')).not.toMatch(/ETA on site/);
    expect((await row()).eta).toBeNull();
    expect((await etaEvents()).map((x) => x.toValue)).toEqual(['2026-11-24T13:30:00.000Z', '2026-11-24T11:00:00.000Z', null]);
  });

  it('refuses a past or garbled time with a clear message and writes nothing', async () => {
    await acmeJob();
    expect(await say('dana', '/job eta J-1001 09:30')).toMatch(/The ETA Tue 24 Nov 09:30 CET has already passed \(it is Tue 24 Nov 10:00 CET at the site\)/);
    expect(await say('dana', '/job eta J-1001 2026-11-23T16:00')).toMatch(/has already passed/);
    expect(await say('dana', '/job eta J-1001 soonish')).toMatch(/"soonish" is not an ETA; give 14:30 \(site time\), \+45m, or a date and time/);
    expect(await say('dana', '/job eta J-1001 2027-03-01T10:00')).toMatch(/more than 14 days away/);
    expect((await row()).eta).toBeNull();
    expect(await etaEvents()).toHaveLength(0);
  });

  it('the assigned technician may set it; another technician and finance may not', async () => {
    await acmeJob();
    expect(await say('tess', '/job eta J-1001 11:00')).toMatch(/J-1001 is not assigned to you/);
    expect(await say('fiona', '/job eta J-1001 11:00')).toMatch(/Only technician or dispatcher or manager can set an ETA/);
    expect((await row()).eta).toBeNull();
    expect(await say('tom', '/job eta J-1001 11:00')).toMatch(/ETA on site/);
    expect((await row()).eta?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('a closed job needs no ETA', async () => {
    await acmeJob();
    await say('dana', '/job status J-1001 cancelled duplicate');
    expect(await say('dana', '/job eta J-1001 11:00')).toMatch(/J-1001 is cancelled; it needs no ETA/);
  });
});

describe('the departure message', () => {
  it('en_route --eta stores the ETA and the departure draft says it, in the site zone', async () => {
    await acmeJob();
    await say('tom', '/job status J-1001 en_route --eta 10:45');
    expect((await row()).status).toBe('en_route');
    expect((await row()).eta?.toISOString()).toBe('2026-11-24T09:45:00.000Z');
    expect((await departure())!.body).toMatch(/Arrivée estimée : mardi 24 novembre 2026 à 10:45\./);
  });

  it('an ETA set before departure is used', async () => {
    await acmeJob();
    await say('dana', '/job eta J-1001 +1h30m');
    await say('tom', '/job status J-1001 en_route');
    expect((await departure())!.body).toMatch(/Arrivée estimée : mardi 24 novembre 2026 à 11:30\./);
  });

  it('without an ETA the draft says "à confirmer"', async () => {
    await acmeJob();
    await say('tom', '/job status J-1001 en_route');
    expect((await departure())!.body).toMatch(/Arrivée estimée : à confirmer\./);
  });

  it('an ETA set after departure rewrites the departure draft, unless someone edited it', async () => {
    await acmeJob();
    await say('tom', '/job status J-1001 en_route');
    expect((await departure())!.body).toMatch(/Arrivée estimée : à confirmer\./);
    await say('tom', '/job eta J-1001 +30m');
    expect((await departure())!.body).toMatch(/Arrivée estimée : mardi 24 novembre 2026 à 10:30\./);
    const rewritten = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'message.rerendered'));
    expect(rewritten).toHaveLength(1);
    // the dispatcher's own wording is kept
    await say('dana', `/message edit ${(await departure())!.id} Tom arrives around half past ten.`);
    await say('tom', '/job eta J-1001 +45m');
    expect((await departure())!.body).toBe('Tom arrives around half past ten.');
  });

  it('a garbled --eta refuses the whole status change; --eta with another status is refused', async () => {
    await acmeJob();
    expect(await say('tom', '/job status J-1001 en_route --eta later')).toMatch(/"later" is not an ETA/);
    expect((await row()).status).toBe('assigned');
    expect(await departure()).toBeUndefined();
    expect(await say('tom', '/job status J-1001 on_site --eta 11:00')).toMatch(/An ETA goes with en_route/);
    expect((await row()).status).toBe('assigned');
  });
});

describe('API', () => {
  it('sets the ETA with an eta event or with en_route, refuses a past one, and shows it on the job', async () => {
    const token = await createToken(kit.db.db, 'field-app', ['read', 'write']);
    const post = (path: string, body: unknown) => kit.app.api.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await acmeJob();
    const past = await post('/api/v1/jobs/J-1001/events', { kind: 'eta', eta: '2026-11-24T08:00:00Z' });
    expect(past.status).toBe(400);
    expect(((await past.json()) as { detail: string }).detail).toMatch(/has already passed/);
    const ok = await post('/api/v1/jobs/J-1001/events', { kind: 'eta', eta: '2026-11-24T12:00' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { eta: string }).eta).toBe('2026-11-24T11:00:00.000Z');
    const moving = await post('/api/v1/jobs/J-1001/events', { kind: 'status', status: 'en_route', eta: '+40m' });
    expect(moving.status).toBe(200);
    expect((await moving.json()) as { status: string; eta: string }).toMatchObject({ status: 'en_route', eta: '2026-11-24T09:40:00.000Z' });
    expect((await departure())!.body).toMatch(/Arrivée estimée : mardi 24 novembre 2026 à 10:40\./);
  });
});
