/**
 * Buttons are signed ids: any change to one (a character flipped, added or removed, a payload
 * re-signed with another key, a forged id for another subject) is refused before any verb runs.
 * A valid button pressed by someone without the role is refused by the verb, and nothing changes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type Action } from '../../cards/action-ids.js';
import type { Card } from '../../cards/card.js';
import { alertCard } from '../../cards/build/alert.js';
import { loadAlertView } from '../../src/alerts/alert-view.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { testKit, type TestKit } from '../support/app.js';
import { changed, fuzzParams, rowCounts } from './support.js';

let kit: TestKit;
/** cards with live buttons: an SLA alert, an approval request, a customer message draft */
let cards: Card[];

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T09:00:00Z' });
  const dana = await kit.as('dana');
  await kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P1 Data room too hot');
  await kit.app.dispatch(await kit.as('tom'), 'oos J-1001 DUCT-CLEAN 40 ducts blocked');
  const [request] = await kit.app.dispatch(await kit.as('max'), 'requests #1');
  const [draft] = await kit.app.dispatch(dana, 'message draft J-1001 confirmation');
  kit.clock.set('2026-11-24T09:50:00Z');
  await runMonitor(kit.app.ctx);
  const alert = alertCard(await loadAlertView(kit.app.ctx.root, 1, kit.clock.now()), kit.app.ctx.services.actionSecret);
  cards = [alert, request!, draft!];
  for (const c of cards) expect(c.actions?.length, `${c.kind} card has buttons`).toBeGreaterThan(0);
});
afterAll(async () => kit?.close());

const ids = () => cards.flatMap((c) => (c.actions ?? []).map((a) => a.id));
const refusedAsUnknown = (out: Card[]) => out.length === 1 && out[0]!.title === 'Button not recognised';

describe('a tampered button', () => {
  it('every id on the cards decodes with this bot\'s key', () => {
    for (const id of ids()) expect(decodeAction(id, kit.app.ctx.services.actionSecret), id).not.toBeNull();
  });

  it('any one-character change, insertion or deletion is refused and changes nothing', async () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=+/';
    const edit = fc.record({ which: fc.nat(), at: fc.nat(), ch: fc.constantFrom(...alphabet), kind: fc.constantFrom('replace', 'insert', 'delete') });
    await fc.assert(
      fc.asyncProperty(edit, async (e) => {
        const all = ids();
        const id = all[e.which % all.length]!;
        const at = e.at % id.length;
        const bad = e.kind === 'insert' ? id.slice(0, at) + e.ch + id.slice(at) : e.kind === 'delete' ? id.slice(0, at) + id.slice(at + 1) : id.slice(0, at) + e.ch + id.slice(at + 1);
        fc.pre(bad !== id);
        const before = await rowCounts(kit.db);
        const out = await kit.app.act(await kit.as('lee', 'slack'), bad);
        expect(refusedAsUnknown(out), `${id} -> ${bad}: ${out.map((c) => c.title)}`).toBe(true);
        expect(changed(before, await rowCounts(kit.db))).toEqual([]);
      }),
      fuzzParams(60),
    );
  });

  it('a payload for any subject, signed with another key or guessed, is refused', async () => {
    const action: fc.Arbitrary<Action> = fc.oneof(
      fc.record({ t: fc.constant('alert' as const), alert: fc.integer({ min: 1, max: 5 }), act: fc.constantFrom('reassign', 'escalate', 'notify_customer', 'subcontract', 'acknowledge') }),
      fc.record({ t: fc.constant('decide' as const), approval: fc.integer({ min: 1, max: 5 }), approve: fc.boolean() }),
      fc.record({ t: fc.constant('msg' as const), message: fc.integer({ min: 1, max: 5 }), act: fc.constantFrom('send', 'discard') }),
      fc.record({ t: fc.constant('status' as const), job: fc.integer({ min: 1, max: 5 }), to: fc.constantFrom('closed', 'resolved', 'cancelled') }),
    );
    await fc.assert(
      fc.asyncProperty(action, fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 16, maxLength: 16 }), async (a, otherKey, guess) => {
        fc.pre(otherKey !== kit.app.ctx.services.actionSecret);
        const before = await rowCounts(kit.db);
        const otherSigned = encodeAction(a, otherKey);
        const guessed = `${otherSigned.split('.').slice(0, 2).join('.')}.${guess}`;
        for (const bad of [otherSigned, guessed]) {
          const out = await kit.app.act(await kit.as('ada', 'teams'), bad);
          expect(refusedAsUnknown(out), bad).toBe(true);
        }
        expect(changed(before, await rowCounts(kit.db))).toEqual([]);
      }),
      fuzzParams(40),
    );
  });
});

describe('a valid button pressed without the role', () => {
  // Who may not press what: technicians and finance act on no alert and send no customer message;
  // only the contract's approvers (managers here) decide, never the technician who asked.
  const cases: [string, string[]][] = [
    ['alert', ['tom', 'tess', 'fiona']],
    ['approval', ['tom', 'dana', 'fiona']],
    ['message', ['tom', 'fiona']],
  ];
  for (const [kind, handles] of cases) {
    it(`${kind} buttons are refused for ${handles.join(', ')}: told why, nothing changes`, async () => {
      const c = cards.find((x) => x.kind === kind)!;
      for (const a of c.actions ?? []) {
        for (const h of handles) {
          for (const via of ['slack', 'teams'] as const) {
            const before = await rowCounts(kit.db);
            const out = await kit.app.act(await kit.as(h, via), a.id, { reason: 'because' });
            expect(out.map((o) => o.title), `${h} pressed ${a.label}`).toEqual(['Not allowed']);
            expect(JSON.stringify(out[0]!.blocks)).toMatch(/only|not allowed|cannot|may not|nobody/i);
            expect(changed(before, await rowCounts(kit.db)), `${h} pressed ${a.label}`).toEqual([]);
          }
        }
      }
    });
  }

  it('the right role still works afterwards (the refusals left the subjects untouched)', async () => {
    const ack = cards.find((c) => c.kind === 'alert')!.actions!.find((a) => a.label === 'Acknowledge')!;
    const out = await kit.app.act(await kit.as('dana', 'slack'), ack.id);
    expect(out[0]!.kind).toBe('alert');
    expect(JSON.stringify(out[0])).toContain('Acknowledged by Dana Dispatcher');
  });
});
