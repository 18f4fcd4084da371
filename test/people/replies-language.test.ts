/**
 * The commands' own replies in the reader's language: a French dispatcher, admin and finance person
 * read /team, /contract show, /job, /message, /role and /invoice in French, with no English word of
 * the bot's own; an English reader reads the same replies as before; a technician told of a job by
 * direct message reads it in their language.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox, people } from '../../db/schema.js';
import { logTime } from '../../src/billing/log-time.js';
import { giveJob } from '../../src/dispatch/give-job.js';
import { inLanguage, langOf } from '../../src/i18n/index.js';
import { noticesFeature } from '../../src/notify/feature.js';
import { renderText } from '../../cards/text.js';
import { testKit, type TestKit } from '../support/app.js';
import { cardText } from '../proof/helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-10-06T08:00:00Z'); // Tue 10:00 in Paris
});

const say = async (who: string, line: string) => cardText(await kit.app.dispatch(await kit.as(who), line));
/** Words the bot writes in English replies; none may be left in a French one ("Lead" is also a demo surname). */
const ENGLISH = /\b(the|and|now|none|with|Team|Purpose|Platform|Channel|Jobs|Summary|Created|Assigned|Customer|messages|People|Roles|Open one|Invoice|month|year|visits|No)\b/;

describe('a French reader\'s replies read French', () => {
  beforeEach(async () => {
    for (const who of ['dana', 'ada', 'fiona']) await say(who, '/language fr');
  });

  it('/team, /contract show and /invoice list', async () => {
    const team = await say('dana', '/team show hvac-paris');
    expect(team).toContain('Équipe hvac-paris');
    expect(team).toMatch(/Responsable\s+Lee Lead\n\s+Fuseau\s+Europe\/Paris/);
    expect(team).toContain('Aucun canal associé\u00a0: tapez /team bind approvals dans le canal qui doit recevoir les demandes d’approbation.');
    expect(team).not.toMatch(ENGLISH);
    expect(team).not.toMatch(/^\s*Lead\b/m);
    expect(await say('ada', '/team lead lee hvac-paris')).toContain('Lee Lead dirige désormais hvac-paris\u00a0: les escalades lui sont adressées.');

    const contract = await say('dana', '/contract show ACME-HVAC');
    expect(contract).toMatch(/Redevance\s+1\s800,00\s€ par mois/);
    expect(contract).toContain('14 visites/an');
    expect(contract).toMatch(/HVAC-LAB\s+Corrective labour\s+heure\s+85,00\s/);
    expect(contract).not.toMatch(ENGLISH);

    const invoices = await say('fiona', '/invoice list');
    expect(invoices).toContain('Aucune facture émise');
    expect(invoices).not.toMatch(ENGLISH);
  });

  it('/job, /message and /role', async () => {
    const created = await say('dana', '/job new ACME-HVAC PAR-HQ P3 Fuite au plafond');
    const ref = /J-\d+/.exec(created)![0];
    expect(created).toContain(`Créée\u00a0: ${ref}`);
    const list = await say('dana', '/job list');
    expect(list).toMatch(/Interventions \(1\)[\s\S]*Intervention\s+Contrat\s+Site\s+P\s+Statut\s+Rétablissement dû\s+Résumé/);
    expect(list).not.toMatch(ENGLISH);
    expect(await say('dana', `/job assign ${ref} tom`)).toContain(`${ref} est attribuée à Tom Technician.`);
    const messages = await say('dana', `/message list ${ref}`);
    expect(messages).toMatch(/Messages client sur J-\d+[\s\S]*N°\s+Type\s+Statut\s+À\s+Envoyé[\s\S]*Ouvrez-en un avec \/message <n>\./);
    expect(messages).not.toMatch(ENGLISH);
    const roles = await say('ada', '/role list');
    expect(roles).toMatch(/Personnes \(\d+\)[\s\S]*Nom\s+E-mail\s+Rôles/);
    expect(roles).not.toMatch(ENGLISH);
    expect(await say('ada', '/role tess +dispatcher')).toContain('Tess Technician\u00a0: ajouté dispatcher. Désormais technician, dispatcher.');
    expect(await say('ada', '/role tess')).toContain('Tess Technician <tess@demo.example>\u00a0: technician, dispatcher.');
  });
});

describe('a French technician\'s correction of their time', () => {
  it('/log edit says what changed in French, durations as French writes them', async () => {
    await say('tom', '/language fr');
    const created = await say('dana', '/job new ACME-HVAC PAR-HQ P3 Fuite au plafond');
    const ref = /J-\d+/.exec(created)![0];
    kit.clock.set('2026-10-06T15:00:00Z');
    const tom = await kit.as('tom');
    const r = await logTime(tom, { job: ref, start: new Date('2026-10-06T08:30:00Z'), end: new Date('2026-10-06T09:15:00Z'), code: 'HVAC-LAB' });
    const c = await say('tom', `/log edit T${r.entry.id} 11:00-12:30 "parti plus tard"`);
    expect(c).toContain(`T${r.entry.id} sur ${ref} corrigé`);
    expect(c).toMatch(/Avant\u00a0: .* à .*\(45\smin\), maintenant .* à .*\(1\sh\s30\)/);
    expect(c).toMatch(/Raison\s+parti plus tard/);
    expect(c).toContain('Audité avec les anciennes et les nouvelles valeurs.');
  });
});

describe('an English reader reads the replies as before', () => {
  it('/team, /job list and /role', async () => {
    const team = await say('dana', '/team show hvac-paris');
    expect(team).toContain('Team hvac-paris');
    expect(team).toMatch(/Lead\s+Lee Lead\n\s+Zone\s+Europe\/Paris/);
    expect(team).toContain('No channels bound yet: type /team bind approvals in the channel that should get approval requests.');
    expect(await say('dana', '/job list')).toMatch(/Jobs \(0\)[\s\S]*No jobs match\./);
    expect(await say('ada', '/role tess +dispatcher -technician')).toContain('Tess Technician: added dispatcher; removed technician. Now dispatcher.');
    expect(await say('ada', '/role tess')).toContain('Tess Technician <tess@demo.example>: dispatcher.');
    expect(await say('ada', '/role tess -dispatcher')).toContain('Tess Technician: removed dispatcher. Now without a role.');
  });
});

describe('the direct message of a job given to a technician', () => {
  it('is written in the technician\'s language when delivered, whoever gave the job', async () => {
    await say('tess', '/language fr');
    const created = await say('dana', '/job new ACME-HVAC PAR-HQ P3 Fuite au plafond');
    const ref = /J-\d+/.exec(created)![0];
    const [tess] = await kit.db.db.select().from(people).where(eq(people.shellHandle, 'tess'));
    await giveJob(await kit.as('dana'), { job: ref, technicianId: tess!.id });
    const [dm] = (await kit.db.db.select().from(outbox).where(eq(outbox.op, 'direct'))).filter((d) => (d.target as { personId: number }).personId === tess!.id);
    const c = await inLanguage(langOf(dm!.lang) ?? 'en', () => noticesFeature.loaders.notice(kit.app.ctx, dm!.subjectId, dm!.payload as Record<string, unknown>));
    expect(c.title).toBe(`Vous avez maintenant ${ref}`);
    expect(renderText(c)).toContain('Fuite au plafond à PAR-HQ (P3).');
  });
});
