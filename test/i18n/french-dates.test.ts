/**
 * Calendar dates on cards in the reader's language: every example card built in French and rendered
 * by the three renderers shows no ISO date (YYYY-MM-DD) outside the platforms' own date tokens, which
 * Slack and Teams localise themselves, and the few places listed in ALLOWED where the reader types
 * the date back. English keeps its ISO dates as it always wrote them.
 */
import { describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import { exampleCards } from '../../cards/examples.js';
import { renderSlack } from '../../cards/slack.js';
import { renderTeams } from '../../cards/teams.js';
import { renderText } from '../../cards/text.js';
import { inLanguage } from '../../src/i18n/index.js';

const SECRET = 'examples-secret';

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/** A string a reader sees, with where it is: its key and the element it belongs to. */
interface Seen {
  text: string;
  key: string;
  parent?: Record<string, unknown>;
}

/** Strings a reader may see in a rendered Slack message or Adaptive Card (not ids, urls or styles). */
function seen(x: unknown, out: Seen[] = [], parent?: Record<string, unknown>, key = ''): Seen[] {
  if (typeof x === 'string') {
    if (['text', 'title', 'label', 'alt_text', 'altText', 'errorMessage', 'fallbackText', 'placeholder', 'value', 'initial_value'].includes(key)) out.push({ text: x, key, parent });
  } else if (Array.isArray(x)) for (const v of x) seen(v, out, parent, key);
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) seen(v, out, x as Record<string, unknown>, k);
  return out;
}

const RENDERERS: Record<string, (c: Card) => Seen[]> = {
  text: (c) => [{ text: renderText(c), key: 'text' }],
  slack: (c) => seen(renderSlack(c)),
  teams: (c) => seen(renderTeams(c, { fileUrl: (p) => `https://bot.example.com/files/${encodeURIComponent(p)}` })),
};

/** The platforms' own date tokens (Slack's <!date^…|…>, Teams' {{DATE(…)}}), localised by the client; and links. */
function withoutPlatformDates(s: string): string {
  return s
    .replace(/<!date\^\d+\^[^|>]*\|[^>]*>/g, ' ')
    .replace(/\{\{(DATE|TIME)\([^)]*\)\}\}/g, ' ')
    .replace(/(https?:\/\/|mailto:)[^\s|>)\]]*/g, ' ');
}

/** ISO dates a reader may read in French, each with why. */
const ALLOWED: { why: string; allows: (s: Seen, date: string) => boolean }[] = [
  {
    why: 'a correction form prefills the date the technician edits and sends back, read as the label says (AAAA-MM-JJ)',
    allows: (s, date) => (s.key === 'value' || s.key === 'initial_value') && s.text === date && JSON.stringify(s.parent ?? {}).includes('AAAA-MM-JJ'),
  },
];

/** The example cards, built once in each language. */
const CARDS = { en: inLanguage('en', () => exampleCards(SECRET)), fr: inLanguage('fr', () => exampleCards(SECRET)) };

function isoDates(lang: 'en' | 'fr'): string[] {
  return inLanguage(lang, () =>
    CARDS[lang].flatMap((c, i) =>
      Object.entries(RENDERERS).flatMap(([name, render]) =>
        render(c).flatMap((s) =>
          [...withoutPlatformDates(s.text).matchAll(ISO_DATE)]
            .filter(([date]) => lang === 'en' || !ALLOWED.some((a) => a.allows(s, date)))
            .map(([date]) => `${i} ${c.kind} ${name} "${c.title.slice(0, 40)}": ${date}`),
        ),
      ),
    ),
  );
}

const text = (lang: 'en' | 'fr', kind: Card['kind'], title?: RegExp) =>
  inLanguage(lang, () => CARDS[lang].filter((c) => c.kind === kind && (!title || title.test(c.title))).map((c) => renderText(c)).join('\n')).replace(/[\u00a0\u202f]/g, ' ');

describe('calendar dates on cards', () => {
  it('a French reader reads no ISO date on any card, in any renderer', () => {
    expect([...new Set(isoDates('fr'))]).toEqual([]);
  });

  it('an English reader still reads the ISO dates, so the check above has dates to find', () => {
    const kinds = new Set(isoDates('en').map((l) => l.split(' ')[1]));
    for (const k of ['contract', 'contracts', 'invoice', 'usage', 'time', 'report', 'digest', 'renewal']) expect(kinds).toContain(k);
  });

  it('writes dates in sentences and fields in full, in table cells in short, and ranges as one phrase', () => {
    const contract = text('fr', 'contract');
    for (const s of ['du 1er janvier 2026 au 31 décembre 2027', 'en vigueur depuis le 1er juin 2026', 'v3 à partir du 1er janvier 2027', 'LAB/TRV ×1,2 du 1er décembre au 28 février', 'jusqu’au 30 juin 2027']) expect(contract).toContain(s);
    expect(text('fr', 'contracts')).toContain('31 déc. 2027');
    const invoice = text('fr', 'invoice');
    for (const s of ['du 1er novembre 2026 au 30 novembre 2026', ' 24 nov. 2026 ', '(du 1er janvier 2026 au 31 décembre 2026)']) expect(invoice).toContain(s);
    expect(text('fr', 'usage')).toContain('du 1er janv. 2026 au 31 déc. 2026');
    expect(text('fr', 'usage')).toContain('au 24 novembre 2026');
    expect(text('fr', 'time')).toContain('Ana Lima, 24 novembre 2026 :');
    expect(text('fr', 'report')).toContain('24 nov. 2026');
    expect(text('fr', 'digest')).toContain('du 16 novembre 2026 au 22 novembre 2026 (Europe/Paris)');
    const renewal = text('fr', 'renewal');
    for (const s of ['Fin du contrat le 31 décembre 2026', 'décision au plus tard le 2 octobre 2026', 'du 1er janvier 2026 au 31 décembre 2026', 'SLA respecté par mois, du 1er janvier 2026 au 24 novembre 2026', 'éléments du 1er janvier 2026 au 24 novembre 2026']) expect(renewal).toContain(s);
  });

  it('keeps English dates as they were written', () => {
    const contract = text('en', 'contract');
    for (const s of ['2026-01-01 to 2027-12-31', 'in force from 2026-06-01', 'LAB/TRV ×1.2 12-01..02-28', 'prepaid 20h of LAB 2026-01-01..2026-12-31']) expect(contract).toContain(s);
    expect(text('en', 'invoice')).toContain('2026-11-01 to 2026-11-30');
    expect(text('en', 'renewal')).toContain('Term ends 2026-12-31; notice deadline 2026-10-02');
  });

  it('the week names and month keys people type in commands stay as typed', () => {
    expect(text('fr', 'digest')).toMatch(/2026-W47/);
    expect(text('fr', 'invoice')).toMatch(/\/invoice issue ACME-HVAC 2026-11/);
  });
});
