/** Terminal output fits the terminal: tables narrow and wrap to its width (100 columns when piped). */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { card, type Card } from '../../cards/card.js';
import { fitColumns, renderText } from '../../cards/text.js';
import { allCommands } from '../../commands/index.js';
import type { Ctx } from '../../src/context.js';
import { Shell } from '../../src/chat/shell/shell.js';
import { ShiftedClock } from '../../src/clock.js';

async function helpCard(): Promise<Card> {
  const help = allCommands().find((c) => c.name === 'help')!;
  const ctx = { actor: { via: 'shell', person: null, label: 'test' } } as unknown as Ctx;
  return (await help.run(ctx, { words: [], rest: '' })) as Card;
}

const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
/** The words of a text, sorted: wrapping moves words but never cuts or drops one. */
const words = (text: string) => text.split(/\s+/).filter(Boolean).sort();

const audit = card('audit', 'Audit: J-1001', {
  blocks: [
    {
      type: 'table',
      columns: ['When', 'Who', 'What', 'Why'],
      rows: [
        ['Mon 7 Dec 07:10 GMT+1', 'Dana Dispatcher (terminal)', 'job.create', 'P1 Data room too hot at PAR-HQ: the customer called the hotline and asked for someone within the hour'],
        ['Mon 7 Dec 08:00 GMT+1', 'Dana Dispatcher (terminal)', 'alert.reassign', 'Reassigned to Tess Technician from the breach-risk alert (75% of the response window)'],
      ],
    },
    { type: 'fields', fields: [{ label: 'Note', value: 'a field value long enough that at sixty columns it has to continue on a second line under itself' }] },
  ],
  context: ['Every row is written in the same transaction as the change it records, so the trail has no gaps.'],
});

describe('terminal width', () => {
  it('the help table fits 80 and 100 columns and keeps every word', async () => {
    const c = await helpCard();
    const wide = renderText(c);
    expect(widest(wide)).toBeGreaterThan(150);
    for (const width of [80, 100]) {
      const text = renderText(c, { width });
      expect(widest(text)).toBeLessThanOrEqual(width);
      expect(words(text)).toEqual(words(wide));
    }
  });

  it('the audit table, fields and notes wrap to 60 columns, continuation lines under their column', () => {
    const text = renderText(audit, { width: 60 });
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(words(text)).toEqual(words(renderText(audit)));
    const note = text.split('\n').findIndex((l) => l.startsWith('  Note'));
    expect(text.split('\n')[note + 1]).toMatch(/^ {8}\S/);
  });

  it('wraps at plain spaces only: French amounts and "mot ?" stay whole on their line', () => {
    const french = card('info', 'Dossier', {
      blocks: [
        { type: 'fields', fields: [{ label: 'Contestations', value: '2 lignes de facture sur 154 (1,3\u00a0%), 0 acceptée (1\u202f800,00\u00a0€ remboursés), pourquoi refuser\u202f?' }] },
        { type: 'table', columns: ['Ligne', 'Montant'], rows: [['Redevance mensuelle', '1\u202f800,00\u00a0€ remboursés']] },
      ],
    });
    for (let width = 36; width <= 60; width++) {
      const text = renderText(french, { width });
      expect(widest(text)).toBeLessThanOrEqual(width);
      for (const whole of ['1,3\u00a0%', '1\u202f800,00\u00a0€', 'refuser\u202f?']) expect(text, `at ${width} columns`).toContain(whole);
      expect(text).not.toMatch(/[\ue000-\ue002]/);
    }
  });

  it('a card that fits prints as before, one line per row', () => {
    const small = card('info', 'Hi', { blocks: [{ type: 'table', columns: ['Code', 'Price'], rows: [['HVAC-LAB', '85.00']], align: ['left', 'right'] }] });
    expect(renderText(small, { width: 100 })).toBe(renderText(small));
    expect(renderText(small)).toBe('== Hi ==\n  Code      Price\n  HVAC-LAB  85.00');
  });

  it('columns keep their natural width when they fit their share; the wide ones split the rest', () => {
    expect(fitColumns([10, 60, 70], 100)).toEqual([10, 45, 45]);
    expect(fitColumns([10, 20], 100)).toEqual([10, 20]);
    // A column is not squeezed below its longest word.
    expect(fitColumns([10, 60, 70], 100, [0, 50, 0])).toEqual([10, 50, 40]);
  });

  it('the terminal chat wraps a posted card to 100 columns when its output is piped, and to the terminal width otherwise', async () => {
    const screen = async (columns?: number) => {
      const out = new PassThrough();
      if (columns) Object.assign(out, { columns });
      let text = '';
      out.on('data', (d: Buffer) => (text += d.toString()));
      const shell = new Shell({ ctx: {} as Ctx, clock: new ShiftedClock(), dispatch: async () => [], act: async () => [], tick: async () => {}, out, zone: 'UTC' }, 'dana');
      await shell.post({ team: 'hvac-paris', purpose: 'dispatch' }, await helpCard());
      return text;
    };
    expect(widest(await screen())).toBeLessThanOrEqual(100);
    expect(widest(await screen())).toBeGreaterThan(80);
    expect(widest(await screen(72))).toBeLessThanOrEqual(72);
  });
});
