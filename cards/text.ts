/** Terminal text: buttons become numbered choices the shell reads back. */
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { ActionForm, Card, Rich, Span } from './card.js';
import { t } from '../src/i18n/t.js';
import { formatInstant } from './time.js';

function span(s: Span, zone: string): string {
  if (typeof s === 'string') return s;
  if ('bold' in s) return s.bold;
  if ('code' in s) return s.code;
  if ('link' in s) return `${s.text} (${s.link})`;
  return formatInstant(s.time, zone, s.style);
}

export function richText(r: Rich, zone: string): string {
  return typeof r === 'string' ? r : r.map((s) => span(s, zone)).join('');
}

/** The narrowest a column is squeezed to when a table does not fit. */
const MIN_COLUMN = 6;

/** Display width of a cell: its widest line, counting wide characters as two columns. */
function cellWidth(s: string): number {
  return Math.max(0, ...s.split('\n').map((l) => stringWidth(l)));
}

/**
 * Column widths that fit `room` columns: each column keeps its natural width if it is within an
 * equal share of what is left, the narrowest first; the wider ones split the rest equally, none
 * below its minimum (its longest word, so no word is cut; then the line may pass `room`).
 */
export function fitColumns(natural: readonly number[], room: number, minimum: readonly number[] = []): number[] {
  if (natural.reduce((a, b) => a + b, 0) <= room) return [...natural];
  const out = [...natural];
  const least = (i: number) => Math.min(natural[i]!, Math.max(MIN_COLUMN, minimum[i] ?? 0));
  let open = natural.map((_, i) => i).sort((a, b) => natural[a]! - natural[b]!);
  let left = room;
  // Fix the columns that need no squeezing, or cannot be squeezed below their minimum, until the rest share evenly.
  for (;;) {
    const share = Math.floor(left / open.length);
    const fixed = open.filter((i) => natural[i]! <= share || least(i) > share);
    if (!fixed.length || fixed.length === open.length) {
      open.forEach((i, j) => (out[i] = Math.max(least(i), Math.min(natural[i]!, share + (j < left % open.length ? 1 : 0)))));
      return out;
    }
    for (const i of fixed) {
      out[i] = natural[i]! <= share ? natural[i]! : least(i);
      left -= out[i]!;
    }
    open = open.filter((i) => !fixed.includes(i));
  }
}

const NO_BORDER = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '' };

/**
 * Rows laid out in columns `gap` apart after `indent`, cells padded (or right-aligned) to the
 * widest; with `width`, columns are narrowed to fit it and cells wrap at word boundaries.
 */
function columns(given: string[][], o: { indent: string; gap: string; width?: number; right?: (i: number) => boolean }): string[] {
  const rows = given.map((r) => r.map(holdNoBreaks));
  const n = Math.max(0, ...rows.map((r) => r.length));
  if (!n) return [];
  const natural = Array.from({ length: n }, (_, i) => Math.max(1, ...rows.map((r) => cellWidth(r[i] ?? ''))));
  const room = o.width === undefined ? Infinity : o.width - stringWidth(o.indent) - stringWidth(o.gap) * (n - 1);
  const longestWord = Array.from({ length: n }, (_, i) => Math.max(0, ...rows.flatMap((r) => (r[i] ?? '').split(/\s+/).map((w) => stringWidth(w)))));
  const widths = fitColumns(natural, room, longestWord);
  const table = new Table({
    chars: { ...NO_BORDER, middle: o.gap },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colWidths: widths,
    colAligns: widths.map((_, i) => (o.right?.(i) ? 'right' : 'left')),
    wordWrap: true,
    wrapOnWordBoundary: true,
  });
  table.push(...rows.map((r) => Array.from({ length: n }, (_, i) => r[i] ?? '')));
  return table
    .toString()
    .split('\n')
    .map((l) => releaseNoBreaks(`${o.indent}${l}`.trimEnd()));
}

/**
 * No-break spaces (U+00A0, U+2007, U+202F: "1 800,00 €", "Pourquoi refuser ?") as private-use
 * characters of the same width while a table wraps: its word wrap breaks at any `\s`.
 */
const NO_BREAKS = ['\u00a0', '\u2007', '\u202f'] as const;
const HELD = ['\ue000', '\ue001', '\ue002'] as const;
const holdNoBreaks = (s: string) => s.replace(/[\u00a0\u2007\u202f]/g, (c) => HELD[NO_BREAKS.indexOf(c as (typeof NO_BREAKS)[number])]!);
const releaseNoBreaks = (s: string) => s.replace(/[\ue000-\ue002]/g, (c) => NO_BREAKS[HELD.indexOf(c as (typeof HELD)[number])]!);

/** Text wrapped at word boundaries to `width` (unchanged without one), continuation lines under the first. */
function wrapped(text: string, indent: string, width: number | undefined, lead = ''): string[] {
  if (width === undefined || stringWidth(indent + lead) + cellWidth(text) <= width) return text.split('\n').map((l, k) => `${k ? ' '.repeat(stringWidth(indent + lead)) : indent + lead}${l}`);
  if (!lead) return columns([[text]], { indent, gap: '', width });
  return columns([[lead.trimEnd(), text]], { indent, gap: ' ', width });
}

/**
 * Render a card; `firstChoice` numbers its actions from that number on; `width` (the terminal's
 * columns) narrows tables and wraps long lines to fit.
 */
export function renderText(c: Card, opts: { zone?: string; firstChoice?: number; width?: number } = {}): string {
  const zone = c.zone ?? opts.zone ?? 'UTC';
  const width = opts.width;
  const out: string[] = [];
  const marker = c.tone === 'danger' ? '!! ' : c.tone === 'warning' ? '! ' : '';
  out.push(...wrapped(`${marker}${c.title} ==`, '', width, '== '));
  if (c.subtitle) out.push(...wrapped(richText(c.subtitle, zone), '', width));
  for (const b of c.blocks) {
    switch (b.type) {
      case 'text':
        out.push(...wrapped(richText(b.text, zone), '', width));
        break;
      case 'fields':
        out.push(...columns(b.fields.map((f) => [f.label, richText(f.value, zone)]), { indent: '  ', gap: '  ', width }));
        break;
      case 'list':
        for (const i of b.items) out.push(...wrapped(richText(i, zone), '  ', width, '- '));
        break;
      case 'table': {
        const rows = b.rows.map((r) => r.map((cell) => richText(cell, zone)));
        out.push(...columns([b.columns, ...rows], { indent: '  ', gap: '  ', width, right: (i) => b.align?.[i] === 'right' }));
        break;
      }
      case 'file':
        out.push(t('cards-render.file-saved', { name: b.name, path: b.path }));
        break;
      case 'image':
        out.push(b.path ? t('cards-render.image-saved', { alt: b.alt, path: b.path }) : b.url ? t('cards-render.image-url', { alt: b.alt, url: b.url }) : t('cards-render.image-alone', { alt: b.alt }));
        break;
      case 'divider':
        out.push('--');
        break;
    }
  }
  let n = opts.firstChoice ?? 1;
  for (const a of c.actions ?? []) {
    if (a.choices?.length) {
      for (const ch of a.choices) out.push(`  [${n++}] ${t('common.pair', { a: a.label, b: ch.label })}`);
    } else {
      const asks = a.form ? t('cards-render.asks-for', { fields: a.form.fields.map((f) => f.label.toLowerCase()).join(', ') }) : a.reason ? t('cards-render.asks-reason') : '';
      out.push(`  [${n++}] ${a.label}${asks}`);
    }
  }
  for (const x of c.context ?? []) out.push(...wrapped(richText(x, zone), '  ', width, '· '));
  return out.join('\n');
}

/** The numbered choices of a card, in the order renderText printed them. */
export interface TextChoice {
  actionId: string;
  label: string;
  reason?: { label: string; required: boolean };
  form?: ActionForm;
}

export function textChoices(c: Card): TextChoice[] {
  const out: TextChoice[] = [];
  for (const a of c.actions ?? []) {
    if (a.choices?.length) for (const ch of a.choices) out.push({ actionId: ch.id, label: t('common.pair', { a: a.label, b: ch.label }) });
    else out.push({ actionId: a.id, label: a.label, ...(a.reason ? { reason: a.reason } : {}), ...(a.form ? { form: a.form } : {}) });
  }
  return out;
}
