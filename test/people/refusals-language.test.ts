/**
 * Refusals in the reader's language: a French reader is refused in French (role checks, unknown
 * contracts, bad versions, status changes, approval decisions), an English reader in English, and
 * the API answers in English whatever the language of the token's person.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import { renderText } from '../../cards/text.js';
import { approvals } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { testKit, type TestKit } from '../support/app.js';
import { aJob } from '../approvals/helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-23T09:00:00Z');
});

const text = (cards: Card[]) => cards.map((c) => renderText(c, { zone: 'UTC' })).join('\n');
const say = async (who: string, line: string) => text(await kit.app.dispatch(await kit.as(who), line));
const press = async (who: string, id: string) => text(await kit.app.act(await kit.as(who), id, {}));

describe('refusals in chat', () => {
  it('a role check names the roles and the action in the reader\'s language', async () => {
    await say('tom', '/language fr');
    expect(await say('tom', '/job priority J-1001 P1 inondation')).toContain(
      'Il faut le rôle répartiteur ou responsable pour changer la priorité d’une intervention\u202f; vous êtes technicien.',
    );
    expect(await say('fiona', '/job priority J-1001 P1 flooded')).toContain('Only dispatcher or manager can change a job priority; you are finance.');
  });

  it('an unknown contract on /job new is refused in French, the known contracts listed in French', async () => {
    await say('tom', '/language fr');
    const refused = await say('tom', '/job new NOPE-CO PAR-HQ P2 fuite');
    expect(refused).toContain('Introuvable');
    expect(refused).toContain('Aucun contrat NOPE-CO.');
    expect(refused).toMatch(/(Connus|Les plus proches)\u00a0: .*ACME-HVAC/);
    expect(refused).not.toMatch(/No contract|Known:|Closest:/);
    expect(await say('dana', '/job new NOPE-CO PAR-HQ P2 leak')).toContain('No contract NOPE-CO.');
  });

  it('/contract diff with a version that is not one, or that does not exist, is refused in French', async () => {
    await say('max', '/language fr');
    expect(await say('max', '/contract diff ACME-HVAC 1 deux')).toContain('«\u202fdeux\u202f» n’est pas une version\u202f; écrivez 2 ou v2.');
    expect(await say('max', '/contract diff ACME-HVAC 1 9')).toContain('ACME-HVAC n’a pas de version 9\u202f; il en est à la v1.');
    expect(await say('dana', '/contract diff ACME-HVAC 1 9')).toContain('ACME-HVAC has no version 9; it is at v1.');
  });

  it('a status change the job cannot make is explained in French, with the status in words', async () => {
    const ref = await aJob(kit);
    await say('tom', '/language fr');
    expect(await say('tom', `/job status ${ref} closed`)).toContain(
      `${ref}\u00a0: Seule une intervention résolue peut être clôturée\u202f; celle-ci est ouverte. Résolvez-la d’abord.`,
    );
    expect(await say('tess', `/job status ${ref} closed`)).toContain(`${ref}: Only a resolved job can be closed; this one is open. Resolve it first.`);
  });

  it('a French technician pressing Approve is told in French who decides', async () => {
    const ref = await aJob(kit);
    await say('tess', `/oos ${ref} DUCT-CLEAN 2h ducts clogged`);
    const [row] = await kit.db.db.select().from(approvals);
    const posted = await kit.app.features.loaders.approval!(kit.app.ctx, String(row!.id), {}, 'shell');
    const approve = posted!.actions!.find((a) => /^Approve/.test(a.label))!;
    await say('tom', '/language fr');
    expect(await press('tom', approve.id)).toContain(`seul un responsable peut décider de la demande n° ${row!.id}\u202f; vous êtes technicien.`);
    await say('tess', '/language fr');
    expect(await press('tess', approve.id)).toContain('Personne ne décide de sa propre demande');
  });
});

describe('refusals through the API', () => {
  it('are in English even when the token\'s person reads French', async () => {
    await say('dana', '/language fr');
    const dana = await kit.as('dana');
    const token = await createToken(kit.db.db, 'dana-sync', ['read', 'write'], dana.actor.person!.id);
    const res = await kit.app.api.request('/api/v1/jobs', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contract: 'NOPE-CO', site: 'PAR-HQ', priority: 'P2', summary: 'Leak' }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toBe('No contract NOPE-CO.');
  });
});
