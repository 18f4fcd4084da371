import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { alerts, jobs, outbox, people } from '../../db/schema.js';
import type { Card } from '../../cards/card.js';
import { renderText } from '../../cards/text.js';
import { actOnAlert } from '../../src/alerts/act-on-alert.js';
import { createToken } from '../../src/api/tokens.js';
import { giveJob } from '../../src/dispatch/give-job.js';
import { dispatchQueue } from '../../src/dispatch/queue.js';
import { offerReason } from '../../src/dispatch/offer-text.js';
import { alertCard } from '../../cards/build/alert.js';
import { loadAlertView } from '../../src/alerts/alert-view.js';
import { AppError } from '../../src/errors.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { importCsv } from '../../src/import/import-csv.js';
import { createJob } from '../../src/jobs/create-job.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { generateVisits } from '../../src/recurring/generate-visits.js';
import { testKit, type TestKit } from '../support/app.js';
import { Recorder } from '../support/recorder.js';
import { inLanguage, langOf } from '../../src/i18n/index.js';
import { noticesFeature } from '../../src/notify/feature.js';
import { noticeWords } from '../support/notices.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
});

/**
 * Monday 2026-11-23. PETRA's valve station (Chicago, 24x7) reported a P1 at 08:00Z, so its
 * response breached at 09:00Z; at 09:00Z ACME Paris got a P1 (due 10:00Z) and a P2 (office
 * hours, due 13:00Z) and St Luke's ICU (Toronto) a P2 (due 11:00Z). It is now 09:30Z: 03:30 in
 * Chicago, where Tess works 08:00-17:00 and Tom is on call overnight.
 */
async function history() {
  const dana = await kit.as('dana');
  kit.clock.set('2026-11-23T08:00:00Z');
  const petra = await createJob(dana, { contract: 'PETRA-OG', site: 'PIPE-KP112', priority: 'P1', summary: 'Valve actuator not responding on the main line' });
  kit.clock.set('2026-11-23T09:00:00Z');
  const acmeP2 = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Chiller tripping' });
  const acmeP1 = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: 'Data room too hot' });
  const icu = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: 'Infusion pump alarm' });
  kit.clock.set('2026-11-23T09:30:00Z');
  await runMonitor(kit.app.ctx);
  return { dana, petra: petra.ref, acmeP1: acmeP1.ref, acmeP2: acmeP2.ref, icu: icu.ref };
}

const person = async (handle: string) => (await kit.as(handle)).actor.person!;

async function expectError(p: Promise<unknown>, code: string, text: RegExp) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(text);
}

describe('the dispatch queue', () => {
  it('orders open jobs by the soonest breach, the breached one on top, with what to act on', async () => {
    const h = await history();
    const q = await dispatchQueue(h.dana);
    expect(q.items.map((i) => i.job.ref)).toEqual([h.petra, h.acmeP1, h.icu, h.acmeP2]);
    const [petra, acmeP1, icu] = q.items;
    expect(petra!.risk).toMatchObject({ window: 'response', breached: true, leftMinutes: -30 });
    expect(acmeP1!.risk).toMatchObject({ window: 'response', breached: false, leftMinutes: 30 });
    expect(acmeP1!.nextAlert).toEqual({ at: new Date('2026-11-23T09:45:00Z'), window: 'response', level: '75%' });
    expect(icu!.risk.leftMinutes).toBe(90);

    const card = (await kit.app.dispatch(h.dana, '/queue'))[0]!;
    const text = renderText(card);
    // site-local time: 03:30 at the Chicago valve station, 10:30 in Paris
    expect(text).toMatch(new RegExp(`${h.petra}.*P1.*PIPE-KP112 \\(03:30\\).*nobody.*open.*response: over by 30m`));
    expect(text).toMatch(new RegExp(`${h.acmeP1}.*PAR-HQ \\(10:30\\).*response: 30m left`));
    expect(text).toContain('Valve actuator not responding on the main line');
    // buttons for the three jobs on top: assign (with ranked technicians), ETA, open
    const labels = (card.actions ?? []).map((a) => a.label);
    expect(labels.slice(0, 3)).toEqual([`Assign ${h.petra}`, `ETA ${h.petra}`, `Open ${h.petra}`]);
    expect(labels).toContain(`Assign ${h.icu}`);
    expect(labels).not.toContain(`Assign ${h.acmeP2}`);
  });

  it('filters by team, site and assignee', async () => {
    const h = await history();
    await assignJob(h.dana, { job: h.acmeP2, technician: 'tess' });
    expect((await dispatchQueue(h.dana, { team: 'hvac-paris' })).items.map((i) => i.job.ref)).toEqual([h.acmeP1, h.acmeP2]);
    expect((await dispatchQueue(h.dana, { site: 'slr-icu' })).items.map((i) => i.job.ref)).toEqual([h.icu]);
    const mine = await dispatchQueue(h.dana, { assignee: 'tess' });
    expect(mine.items.map((i) => [i.job.ref, i.assignee])).toEqual([[h.acmeP2, 'Tess Technician']]);
    await expectError(dispatchQueue(h.dana, { team: 'hvac-pari' }), 'not_found', /Did you mean hvac-paris/);
    await expectError(dispatchQueue(await kit.as('tom')), 'forbidden', /dispatcher or manager/);
    const card = (await kit.app.dispatch(h.dana, '/queue --site PAR-HQ'))[0]!;
    expect(card.title).toMatch(/\(site PAR-HQ\)$/);
  });
});

describe('GET /api/v1/jobs?order=risk', () => {
  it('is the same queue, with each job\'s risk and assignee; filters it cannot honour are refused', async () => {
    const h = await history();
    const token = await createToken(kit.db.db, 'queue-reader', ['read']);
    const get = (path: string) => kit.app.api.request(path, { headers: { authorization: `Bearer ${token}` } });
    const res = await get('/api/v1/jobs?order=risk');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; assignee: string | null; risk: { window: string; minutesLeft: number; breached: boolean; nextAlertAt: string | null } }[]; nextCursor: null };
    expect(body.items.map((i) => i.id)).toEqual([h.petra, h.acmeP1, h.icu, h.acmeP2]);
    expect(body.items[0]).toMatchObject({ assignee: null, risk: { window: 'response', minutesLeft: -30, breached: true } });
    expect(body.items[1]!.risk.nextAlertAt).toBe('2026-11-23T09:45:00.000Z');
    const paris = (await (await get('/api/v1/jobs?order=risk&team=hvac-paris&limit=1')).json()) as { items: { id: string }[] };
    expect(paris.items.map((i) => i.id)).toEqual([h.acmeP1]);
    const bad = await get('/api/v1/jobs?order=risk&status=open');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('order=risk takes team, site and limit only; drop status');
  });
});

describe('who is offered the job', () => {
  it('skills, expiry, shifts and load decide, each with its reason; a lapsed certification is shown, not offered', async () => {
    const h = await history();
    const q = await dispatchQueue(h.dana);
    const offers = (ref: string) => q.items.find((i) => i.job.ref === ref)!.offers!.map((o) => [o.name, o.offered, offerReason(o.why)]);
    // 03:30 in Chicago: Tom is on call, Tess is off until her 08:00 shift.
    expect(offers(h.petra)).toEqual([
      ['Tom Technician', true, 'on call until 07:00, 0 open jobs'],
      ['Tess Technician', true, 'off until 08:00, 0 open jobs'],
    ]);
    // St Luke's asks for biomed on every job; Tess's lapsed on 31 October.
    expect(offers(h.icu)).toEqual([
      ['Tom Technician', true, 'biomed ✓, on call until 07:00, 0 open jobs'],
      ['Tess Technician', false, 'biomed expired 2026-10-31, off until 08:00, 0 open jobs'],
    ]);
    const card = (await kit.app.dispatch(h.dana, '/queue'))[0]!;
    const assignIcu = card.actions!.find((a) => a.label === `Assign ${h.icu}`)!;
    expect(assignIcu.choices!.map((c) => c.label)).toEqual(['Tom Technician: biomed ✓, on call until 07:00, 0 open jobs']);
    expect(renderText(card)).toContain(`${h.icu}: Tess Technician not offered (biomed expired 2026-10-31`);
    await expectError(giveJob(h.dana, { job: h.icu, technicianId: (await person('tess')).id }), 'invalid', /STLUKE-BIOMED asks for biomed \(biomed expired 2026-10-31/);

    // In Paris at 10:30 both are on shift; load puts the one with fewer open jobs first.
    await assignJob(h.dana, { job: h.petra, technician: 'tom' });
    await assignJob(h.dana, { job: h.acmeP2, technician: 'tom' });
    const paris = (await dispatchQueue(h.dana, { team: 'hvac-paris' })).items[0]!.offers!;
    expect(paris.map((o) => [o.name, offerReason(o.why)])).toEqual([
      ['Tess Technician', 'on shift until 17:00, 0 open jobs'],
      ['Tom Technician', 'on shift until 16:00, 2 open jobs'],
    ]);
  });

  it('assigning from the queue: the choice runs, the queue comes back with what happened', async () => {
    const h = await history();
    const card = (await kit.app.dispatch(h.dana, '/queue'))[0]!;
    const tom = card.actions!.find((a) => a.label === `Assign ${h.petra}`)!.choices![0]!;
    const [after] = await kit.app.act(h.dana, tom.id);
    expect(renderText(after as Card)).toContain(`${h.petra} → Tom Technician.`);
    expect(renderText(after as Card)).toMatch(new RegExp(`${h.petra}.*Tom Technician.*assigned`));
  });
});

describe('/job assign checks skills as Reassign does', () => {
  it('refuses a technician whose certification lapsed, with the reason and who is offered instead; writes nothing', async () => {
    const h = await history();
    const card = (await kit.app.dispatch(h.dana, `/job assign ${h.icu} tess`))[0]!;
    expect(card.kind).toBe('error');
    expect(renderText(card)).toContain(
      `Tess Technician cannot take ${h.icu}: STLUKE-BIOMED asks for biomed (biomed expired 2026-10-31). Offered instead: Tom Technician (biomed ✓, on call until 07:00, 0 open jobs).`,
    );
    const [icu] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, h.icu));
    expect(icu).toMatchObject({ assigneeId: null, status: 'open' });
    // The API's assign event and an offline assignment dated before the lapse obey the same rule.
    await expectError(assignJob(h.dana, { job: h.icu, technician: 'tess' }), 'invalid', /biomed expired 2026-10-31/);
    const ok = (await kit.app.dispatch(h.dana, `/job assign ${h.icu} tom`))[0]!;
    expect(renderText(ok)).toContain(`${h.icu} is assigned to Tom Technician.`);
    // No skill asked (ACME), no check.
    expect(renderText((await kit.app.dispatch(h.dana, `/job assign ${h.acmeP2} tess`))[0]!)).toContain('is assigned to Tess Technician');
  });

  it('says so when nobody in the team holds the skill', async () => {
    const h = await history();
    await kit.db.db.update(people).set({ skills: [] }).where(eq(people.shellHandle, 'tom'));
    await expectError(assignJob(h.dana, { job: h.icu, technician: 'tom' }), 'invalid', /Tom Technician cannot take .*: STLUKE-BIOMED asks for biomed \(no biomed\)\. Nobody in the team holds it now/);
  });
});

describe('acting from a filtered queue', () => {
  it('the queue shown after a click keeps its team, site and assignee filters', async () => {
    const h = await history();
    await assignJob(h.dana, { job: h.acmeP1, technician: 'tess' });
    await assignJob(h.dana, { job: h.acmeP2, technician: 'tess' });
    const filtered = (await kit.app.dispatch(h.dana, '/queue hvac-paris --site par-hq --assignee tess'))[0]!;
    expect(filtered.title).toBe('Queue: hvac-paris (site PAR-HQ, assigned to Tess Technician)');
    // Reassign the top job to Tom: it leaves Tess's queue, and the queue after the click is still Tess's at PAR-HQ.
    const reassign = filtered.actions!.find((a) => a.label === `Reassign ${h.acmeP1}`)!;
    const [after] = await kit.app.act(h.dana, reassign.choices!.find((c) => c.label.startsWith('Tom Technician'))!.id);
    const text = renderText(after as Card);
    expect((after as Card).title).toBe('Queue: hvac-paris (site PAR-HQ, assigned to Tess Technician)');
    expect(text).toContain(`${h.acmeP1} → Tom Technician`);
    expect(text).toContain(h.acmeP2);
    expect(text).not.toMatch(new RegExp(`${h.acmeP1}.*Tom Technician.*assigned`));
    // ETA and Open keep them too.
    const eta = (after as Card).actions!.find((a) => a.label === `ETA ${h.acmeP2}`)!;
    const [afterEta] = await kit.app.act(h.dana, eta.id, { values: { eta: '+45m' } });
    expect((afterEta as Card).title).toBe('Queue: hvac-paris (site PAR-HQ, assigned to Tess Technician)');
    expect(renderText(afterEta as Card)).not.toContain(h.icu);
  });
});

describe('the queue in French', () => {
  it('a French dispatcher types the ETA in a French form and is told it in French', async () => {
    const h = await history();
    await kit.app.dispatch(h.dana, '/language fr');
    const dana = await kit.as('dana');
    const queue = (await kit.app.dispatch(dana, '/queue hvac-paris'))[0]!;
    const eta = queue.actions!.find((a) => a.label === `Arrivée ${h.acmeP2}`)!;
    const opened = await kit.app.form(dana, eta.id);
    expect('form' in opened && opened.form).toMatchObject({ title: `Arrivée prévue pour ${h.acmeP2}`, submit: 'Enregistrer l’arrivée' });
    const [after] = await kit.app.act(dana, eta.id, { values: { eta: '+45m' } });
    expect(renderText(after as Card).replace(/[\u00a0\u202f]/g, ' ')).toContain(`${h.acmeP2} : arrivée prévue enregistrée.`);
  });
});

describe('no direct message outside working hours', () => {
  it('a job given to Tess at 03:30 her time waits for her 08:00 shift; Tom, on call, is told now', async () => {
    const h = await history();
    const tess = await person('tess');
    const tom = await person('tom');
    const r = await giveJob(h.dana, { job: h.petra, technicianId: tess.id });
    expect(r.told).toBe('Tess is off until 08:00; Tom Technician (on call) told now');
    const dms = await kit.db.db.select().from(outbox).where(eq(outbox.op, 'direct'));
    const to = (id: number) => dms.filter((d) => (d.target as { personId: number }).personId === id);
    expect(to(tess.id).map((d) => d.nextAttemptAt.toISOString())).toEqual(['2026-11-23T14:00:00.000Z']);
    expect(to(tom.id).map((d) => d.nextAttemptAt.toISOString())).toEqual(['2026-11-23T09:30:00.000Z']);
    // Tom's message is written when it is delivered, in his language.
    const tomDm = to(tom.id)[0]!;
    const tomCard = await inLanguage(langOf(tomDm.lang) ?? 'en', () => noticesFeature.loaders.notice(h.dana, tomDm.subjectId, tomDm.payload as Record<string, unknown>));
    expect(tomCard.title).toMatch(/^On call: J-\d+ went to Tess Technician$/);
    expect(renderText(tomCard)).toMatch(/Tess is off until 08:00\. /);

    const terminal = new Recorder();
    kit.app.notifier.addDeliverer(terminal);
    await kit.app.notifier.deliverDue();
    const held = await kit.db.db.select().from(outbox).where(and(eq(outbox.op, 'direct'), eq(outbox.id, to(tess.id)[0]!.id)));
    expect(held[0]!.deliveredAt).toBeNull();
    kit.clock.set('2026-11-23T14:00:00Z');
    await kit.app.notifier.deliverDue();
    const sent = await kit.db.db.select().from(outbox).where(eq(outbox.id, to(tess.id)[0]!.id));
    expect(sent[0]!.deliveredAt).not.toBeNull();
  });

  it('the alert\'s reassign says so to the dispatcher, and nothing records where anyone is', async () => {
    const h = await history();
    const tess = await person('tess');
    const [alert] = await kit.db.db.select().from(alerts);
    const r = await actOnAlert(h.dana, { alertId: alert!.id, act: 'reassign', technicianId: tess.id });
    expect(r.detail).toBe('to Tess Technician (Tess is off until 08:00; Tom Technician (on call) told now)');
    const cols = Object.keys((await kit.db.db.select().from(people).limit(1))[0]!);
    expect(cols.filter((c) => /loc|lat|lon|gps|position/i.test(c))).toEqual([]);
  });
});

describe('the reasons offered, in the reader\'s language', () => {
  it('a French dispatcher\'s alert card offers each technician with the reason in French, times in their zone', async () => {
    const h = await history();
    const [alert] = await kit.db.db.select().from(alerts);
    const view = await loadAlertView(kit.db.db, alert!.id, kit.clock.now());
    const labels = (lang: 'en' | 'fr') => inLanguage(lang, () => alertCard(view, 'secret')).actions!.find((a) => a.choices)!.choices!.map((c) => c.label);
    // 03:30 in Chicago: Tom is on call, Tess is off until her 08:00 shift.
    expect(labels('fr')).toEqual(['Tom Technician\u00a0: d’astreinte jusqu’à 07:00, 0 intervention en cours', 'Tess Technician\u00a0: en repos jusqu’à 08:00, 0 intervention en cours']);
    expect(labels('en')).toEqual(['Tom Technician: on call until 07:00, 0 open jobs', 'Tess Technician: off until 08:00, 0 open jobs']);
    // A lapsed certification and a shift starting another day, worded in French with French weekdays and dates.
    const icu = (await inLanguage('fr', () => dispatchQueue(h.dana))).items.find((i) => i.job.ref === h.icu)!.offers!;
    expect(inLanguage('fr', () => icu.map((o) => offerReason(o.why)))).toEqual([
      'biomed ✓, d’astreinte jusqu’à 07:00, 0 intervention en cours',
      'biomed expirée le 31 oct. 2026, en repos jusqu’à 08:00, 0 intervention en cours',
    ]);
  });
});

describe('planned visits', () => {
  it('are given by the same rule when generated, or flagged to the dispatcher when nobody qualified is on shift', async () => {
    kit.clock.set('2026-11-23T08:00:00Z');
    const r = await generateVisits(kit.app.ctx, 14);
    const rows = await kit.db.db.select().from(jobs).where(isNotNull(jobs.recurrenceKey));
    const byKey = new Map(rows.map((j) => [j.recurrenceKey, j]));
    // Tuesday 1 December at the ICU: biomed needed; Tom holds it and works that day, Tess's lapsed.
    const icu = byKey.get('STLUKE-BIOMED:SLR-ICU:PM-INFUSION:2026-12-01')!;
    expect(icu).toMatchObject({ status: 'assigned', assigneeId: (await person('tom')).id });
    // Saturday 5 December in Paris: nobody works Saturdays, so the visits wait for a dispatcher.
    const par = byKey.get('ACME-HVAC:PAR-HQ:HVAC-PM:2026-12-05')!;
    expect(par).toMatchObject({ status: 'open', assigneeId: null });
    expect(r.unassigned.sort()).toEqual([par.ref, byKey.get('ACME-HVAC:LYO-DC:HVAC-PM:2026-12-05')!.ref].sort());
    const notices = await kit.db.db.select().from(outbox).where(and(eq(outbox.subjectKind, 'notice'), eq(outbox.subjectId, par.ref)));
    expect(notices).toHaveLength(1);
    const told = await noticeWords(kit.app.ctx, notices[0]!);
    expect(told.title).toBe(`Planned visit with nobody to send: ${par.ref}`);
    expect(told.text).toContain('Tess Technician: off until Mon 08:00');
  });
});

describe('skills, hours and on-call turns come with people', () => {
  it('are imported by CSV, refused with the line and a hint when unreadable, and shown in /mydata', async () => {
    const ada = await kit.as('ada');
    const csv = (rows: string[]) => Buffer.from(['email,name,roles,teams,zone,skills,hours,on call', ...rows].join('\n'));
    const bad = await importCsv(ada, { files: [{ name: 'people.csv', data: csv(['nina@demo.example,Nina Night,technician,biomed-east,America/Toronto,biomed:2027-02-30,mon-fri 8-17,']) }] }).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(bad).toBeInstanceOf(AppError);
    expect(bad!.details).toEqual([
      'people.csv line 2: skills: "biomed:2027-02-30" is not a skill; write biomed or biomed:2027-06-30 (last valid date)',
      'people.csv line 2: hours: "8-17" is not a time span; write 08:00-17:00.',
    ]);
    expect(await kit.db.db.select().from(people).where(eq(people.email, 'nina@demo.example'))).toEqual([]);

    await importCsv(ada, {
      files: [{ name: 'people.csv', data: csv(['nina@demo.example,Nina Night,technician,biomed-east,America/Toronto,biomed:2027-06-30|confined-space,"mon-fri 20:00-06:00",sat-sun 08:00-20:00']) }],
      reason: 'night shift starts',
    });
    const [nina] = await kit.db.db.select().from(people).where(eq(people.email, 'nina@demo.example'));
    expect(nina).toMatchObject({ skills: [{ skill: 'biomed', expires: '2027-06-30' }, { skill: 'confined-space' }], hours: 'mon-fri 20:00-06:00', onCall: 'sat-sun 08:00-20:00' });
    await kit.db.db.update(people).set({ shellHandle: 'nina' }).where(eq(people.id, nina!.id));
    const card = renderText((await kit.app.dispatch(await kit.as('nina'), '/mydata'))[0]!);
    expect(card).toContain('biomed (until 2027-06-30), confined-space');
    expect(card).toContain('mon-fri 20:00-06:00');
    expect(card).toContain('sat-sun 08:00-20:00');
    expect(card).toMatch(/Locations.*none/);
  });
});
