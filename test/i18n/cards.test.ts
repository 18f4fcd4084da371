/**
 * Every card kind built inside the pseudo-locale, rendered by the three renderers: once the ⟦…⟧
 * segments (catalog messages), the platforms' own syntax and the fixture data are taken out, no
 * letter may remain. A letter that does is a word a builder or renderer wrote without the catalog.
 */
import { describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import { ALL_CARD_KINDS, EXAMPLE_TIMES, EXAMPLE_ZONES, exampleCards, FIXTURE_STRINGS, HOSTILE, LONG } from '../../cards/examples.js';
import { parseSlackActionId, renderSlack } from '../../cards/slack.js';
import { renderTeams } from '../../cards/teams.js';
import { renderText } from '../../cards/text.js';
import { formatInstant } from '../../cards/time.js';
import { inLanguage } from '../../src/i18n/index.js';
import { formatDuration, formatMoney } from '../../src/rules/units.js';

const SECRET = 'examples-secret';

/** Command names stay as the manifests declare them, in every language. */
const COMMAND_NAMES = ['/attach', '/team bind approvals', '/requests', '/job show', '/job list mine'];

const LETTERS = /\p{L}+/gu;

function wordsOf(strings: string[]): Set<string> {
  return new Set(strings.flatMap((s) => s.match(LETTERS) ?? []).map((w) => w.toLowerCase()));
}

/** What a card may show besides catalog text: the fixtures' strings, their instants, durations and money. */
const DATA_WORDS = inLanguage('pseudo', () =>
  wordsOf([
    HOSTILE,
    LONG,
    ...FIXTURE_STRINGS,
    ...COMMAND_NAMES,
    ...EXAMPLE_TIMES.flatMap((at) => EXAMPLE_ZONES.flatMap((z) => (['datetime', 'time', 'date'] as const).map((s) => formatInstant(at, z, s)))),
    formatDuration(90),
    formatMoney(100, 'EUR'),
  ]),
);

/** Catalog messages, innermost first (a message can hold another); a clipped one runs to the end. */
function withoutCatalogText(s: string): string {
  let out = s;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  }
  return out.replace(/⟦[^⟧]*$/g, ' ');
}

/**
 * The platforms' syntax: links, Slack date tokens and emoji, Teams date functions, mrkdwn entities,
 * ticked boxes; and the bot's record references (T12 a time entry, P3 a part use, as typed in
 * `/log edit T12`), which are command words in every language.
 */
function withoutSyntax(s: string): string {
  return s
    .replace(/\b[TP]\d+\b/g, ' ')
    .replace(/<!date\^\d+\^[^|]*\|/g, ' ')
    .replace(/\{\{(DATE|TIME)\([^)]*\)\}\}/g, ' ')
    .replace(/(https?:\/\/|mailto:)[^\s|>)\]]*/g, ' ')
    .replace(/:[a-z_]+:/g, ' ')
    .replace(/&(amp|lt|gt);/g, ' ')
    .replace(/\[x\]/g, ' ');
}

function strayWords(s: string): string[] {
  // A word cut short by a renderer's limit ("compres…") is the end of a longer one: the data's.
  const rest = withoutSyntax(withoutCatalogText(s)).replace(/\p{L}+…/gu, ' ');
  return (rest.match(LETTERS) ?? []).filter((w) => !DATA_WORDS.has(w.toLowerCase()));
}

/** The strings a reader sees in a rendered Slack message or Adaptive Card (not ids, types or styles). */
function visibleStrings(x: unknown, out: string[] = [], parent?: Record<string, unknown>, key?: string): string[] {
  if (typeof x === 'string') {
    const visible = ['text', 'title', 'label', 'alt_text', 'altText', 'errorMessage', 'fallbackText', 'placeholder'].includes(key ?? '');
    // A Teams fact's or prefilled input's value is read; a button's or choice's value is its signed id.
    const readValue = key === 'value' && (parent?.type === 'Input.Text' || (parent && !('type' in parent) && !x.startsWith('a1.')));
    if (visible || readValue) out.push(x);
    if (key === 'action_id') {
      const meta = parseSlackActionId(x);
      if (meta?.kind === 'reason') out.push(meta.title, meta.label);
    }
    return out;
  }
  if (Array.isArray(x)) for (const v of x) visibleStrings(v, out, parent, key);
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) visibleStrings(v, out, x as Record<string, unknown>, k);
  return out;
}

const RENDERERS: Record<string, (c: Card) => string[]> = {
  text: (c) => [renderText(c)],
  slack: (c) => visibleStrings(renderSlack(c)),
  teams: (c) => visibleStrings(renderTeams(c, { fileUrl: (p) => `https://bot.example.com/files/${encodeURIComponent(p)}` })),
};

describe('cards in the pseudo-locale', () => {
  const cards = inLanguage('pseudo', () => exampleCards(SECRET));

  it('has an example of every card kind to check', () => {
    expect(new Set(cards.map((c) => c.kind))).toEqual(new Set(ALL_CARD_KINDS));
  });

  for (const [name, render] of Object.entries(RENDERERS)) {
    it(`${name}: every word outside ⟦…⟧ is data`, () => {
      const stray = inLanguage('pseudo', () =>
        cards.flatMap((c, i) => render(c).flatMap((s) => strayWords(s).map((w) => `${i} ${c.kind} "${c.title.slice(0, 40)}": ${w}`))),
      );
      expect([...new Set(stray)]).toEqual([]);
    });
  }

  it('finds a literal that bypassed the catalog', () => {
    const c = inLanguage('pseudo', () => ({ ...exampleCards(SECRET).find((x) => x.kind === 'usage')!, context: ['Counted from issued invoices'] }));
    expect(inLanguage('pseudo', () => strayWords(renderText(c)))).toEqual(['Counted', 'from', 'issued', 'invoices']);
  });
});

describe('cards in French', () => {
  it('render with all three renderers, and every kind reads differently from the English', () => {
    const en = exampleCards(SECRET);
    const fr = inLanguage('fr', () => exampleCards(SECRET));
    expect(fr.map((c) => c.kind)).toEqual(en.map((c) => c.kind));
    const differs = new Map<string, boolean>();
    fr.forEach((c, i) => {
      const [text] = inLanguage('fr', () => Object.values(RENDERERS).map((r) => r(c).join('\n')));
      differs.set(c.kind, (differs.get(c.kind) ?? false) || text !== renderText(en[i]!));
    });
    expect([...differs].filter(([, d]) => !d)).toEqual([]);
  });
});

describe('values on cards in the reader’s language', () => {
  // Intl and luxon space French numbers and units with no-break spaces; the assertions write plain ones.
  const text = (lang: 'en' | 'fr', kind: Card['kind']) => inLanguage(lang, () => renderText(exampleCards(SECRET).find((c) => c.kind === kind)!)).replace(/[\u00a0\u202f]/g, ' ');

  it('keeps the English house style: statuses, durations, changes and money as before', () => {
    expect(text('en', 'job')).toMatch(/Status +waiting customer\n/);
    expect(text('en', 'job')).toContain('Response P2 (P2): due Tue 13:30 CET: 4h of north hours');
    const digest = text('en', 'digest');
    for (const s of ['75% (3 of 4)   ▲ +5 pts (better)', '= no change', '1h30m of 10h logged   ▼ -1.5 h (better)', 'median 26h30m, p90 2.1 days', 'SLA EUR 120.00 (2)', 'restore 30m late: Roof unit trips']) expect(digest).toContain(s);
    const renewal = text('en', 'renewal');
    for (const s of ['EUR 1,234.56', '(0.29x)', '2h30m used of 20h', 'J-1001 P2 response at 75%: escalated by Ana Lima, 1h30m before due; avoided EUR 120.00']) expect(renewal).toContain(s);
    const report = text('en', 'report');
    for (const s of ['waiting customer', 'ACME Facilities (ACME-HVAC v2)', '- Response: breached, over by 1h30m of business time (target 4h on the north calendar, due Tue 24 Nov 13:30 CET).']) expect(report).toContain(s);
    expect(text('en', 'time')).toContain('Logged 2h30m LAB on J-1001');
  });

  it('writes a French reader’s statuses, durations, changes and money in French', () => {
    expect(text('fr', 'job')).toMatch(/Statut +en attente du client\n/);
    const digest = text('fr', 'digest');
    for (const s of ['1 h 30 sur 10 h', '▼ -1,5 h (mieux)', 'médiane 26 h 30', 'SLA 120,00 € (2)', 'rétablissement en retard de 30 min']) expect(digest).toContain(s);
    const renewal = text('fr', 'renewal');
    for (const s of ['1 234,56 €', '(0,29x)', '2 h 30 utilisées', 'P2 intervention à 75%']) expect(renewal).toContain(s);
    // The card of an English contract's report speaks its French reader's language; the PDF stays the contract's.
    const report = text('fr', 'report');
    for (const s of ['en attente du client', 'Intervention : délai dépassé de 1 h 30']) expect(report).toContain(s);
    expect(text('fr', 'time')).toContain('2 h 30 LAB');
    expect(text('fr', 'invoice')).toMatch(/ 1,50 heure /);
    // Who decides a request: the role's French name, not its code.
    expect(text('fr', 'approval')).toMatch(/Décision attendue : responsable ; expire /);
    expect(text('en', 'approval')).toMatch(/Waiting for manager; expires /);
    expect(text('en', 'invoice')).toMatch(/ 1\.50 hours /);
  });
});
