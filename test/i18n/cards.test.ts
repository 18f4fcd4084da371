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
