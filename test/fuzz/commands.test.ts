/**
 * Every chat command's parser, fed random words through the router as Slack, Teams and terminal
 * users with different roles: it never throws, never shows the "unexpected error" card, and when it
 * refuses, it says why and has written nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import type { Ctx } from '../../src/context.js';
import { testKit, type TestKit } from '../support/app.js';
import { changed, fuzzParams, HOSTILE, rowCounts, wordsArb } from './support.js';

let kit: TestKit;
let actors: Ctx[];

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T09:00:00Z' });
  actors = [await kit.as('ada', 'slack'), await kit.as('dana', 'teams'), await kit.as('max', 'slack'), await kit.as('tom', 'slack'), await kit.as('fiona', 'teams')];
  // Something to point at: a job with time on it, so ids like J-1001 exist.
  const dana = await kit.as('dana');
  await kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P2 Chiller tripping');
  await kit.app.dispatch(await kit.as('tom'), 'log J-1001 1h HVAC-LAB belt replaced');
});
afterAll(async () => kit?.close());

function text(c: Card): string {
  return JSON.stringify(c.blocks);
}

/** A file some commands take (attach, import, contract amend): random bytes or hostile CSV. */
const fileArb = fc.option(
  fc.record({
    name: fc.constantFrom('photo.jpg', 'rates.csv', 'people.csv', 'contract.yaml', '../../etc/passwd', 'x.pdf'),
    contentType: fc.constantFrom('image/jpeg', 'text/csv', 'application/pdf', 'application/octet-stream'),
    data: fc.oneof(fc.uint8Array({ maxLength: 256 }).map((a) => Buffer.from(a)), fc.constantFrom('code,price\nHVAC-LAB,=cmd|calc\n', 'name,email\n"unterminated\n', '\ufeff;;;\n').map((s) => Buffer.from(s))),
  }),
  { freq: 4 },
);

describe('chat command parsers under random words', () => {
  it('cover every command the router knows', () => {
    expect(kit.app.router.commands.length).toBeGreaterThan(10);
  });

  // One property per command, so a failure names the command.
  const names = () => kit.app.router.commands.filter((c) => !c.terminalOnly).map((c) => c.name);
  it('answer, never crash, and write nothing when they refuse', async () => {
    for (const name of names()) {
      const cmd = kit.app.router.find(name)!;
      await fc.assert(
        fc.asyncProperty(fc.nat(actors.length - 1), wordsArb(cmd.usage), fileArb, async (who, words, file) => {
          const before = await rowCounts(kit.db);
          const cards = await kit.app.dispatch(actors[who]!, `/${name} ${words.join(' ')}`, file ? [file] : undefined);
          expect(cards.length, `/${name} answered nothing`).toBeGreaterThan(0);
          for (const c of cards) {
            expect(c.title, `/${name} ${JSON.stringify(words)} hit an unexpected error`).not.toBe('Something went wrong');
            expect(c.title.trim()).not.toBe('');
          }
          const refused = cards.find((c) => c.kind === 'error');
          if (refused) {
            expect(text(refused).length, 'a refusal says why').toBeGreaterThan(10);
            expect(changed(before, await rowCounts(kit.db)), `/${name} ${JSON.stringify(words)} refused but wrote`).toEqual([]);
          }
        }),
        fuzzParams(12),
      );
    }
  }, 600_000);

  it('free-text slots (summaries, notes, reasons) take any text, or refuse it cleanly', async () => {
    kit.clock.set('2026-11-24T11:00:00Z');
    // Valid command lines around one free-text slot, so the text reaches the verb and the database.
    const templates: [string, (t: string) => string][] = [
      ['dana', (t) => `job new ACME-HVAC PAR-HQ P3 ${t}`],
      ['tom', (t) => `log J-1001 15m HVAC-LAB ${t}`],
      ['dana', (t) => `job priority J-1001 P2 ${t}`],
      ['max', (t) => `credit J-1001 1h ${t}`],
      ['tom', (t) => `oos J-1001 DUCT-CLEAN 1 ${t}`],
      ['tom', (t) => `mydata flag T1 ${t}`],
      ['dana', (t) => `job status J-1001 on_hold ${t}`],
    ];
    const ctxs = new Map<string, Ctx>();
    for (const [h] of templates) ctxs.set(h, await kit.as(h, 'slack'));
    const textArb = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.constantFrom(...HOSTILE), { minLength: 1, maxLength: 4 }).map((a) => a.join(' ')));
    await fc.assert(
      fc.asyncProperty(fc.nat(templates.length - 1), textArb, async (i, t) => {
        const [who, line] = templates[i]!;
        const before = await rowCounts(kit.db);
        const cards = await kit.app.dispatch(ctxs.get(who)!, line(t));
        for (const c of cards) expect(c.title, `${line(t)} hit an unexpected error`).not.toBe('Something went wrong');
        if (cards.some((c) => c.kind === 'error')) expect(changed(before, await rowCounts(kit.db)), `${line(t)} refused but wrote`).toEqual([]);
      }),
      fuzzParams(60),
    );
  }, 300_000);

  it('an unknown command or an empty line is answered with help, not an error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), async (line) => {
        const cards = await kit.app.dispatch(actors[0]!, line);
        expect(cards.length).toBeGreaterThan(0);
        expect(cards.every((c) => c.title !== 'Something went wrong')).toBe(true);
      }),
      fuzzParams(40),
    );
  });
});
