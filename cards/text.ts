/** Terminal text: buttons become numbered choices the shell reads back. */
import type { ActionForm, Card, Rich, Span } from './card.js';
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

function pad(s: string, n: number, right: boolean): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** Render a card; `firstChoice` numbers its actions from that number on. */
export function renderText(c: Card, opts: { zone?: string; firstChoice?: number } = {}): string {
  const zone = c.zone ?? opts.zone ?? 'UTC';
  const out: string[] = [];
  const marker = c.tone === 'danger' ? '!! ' : c.tone === 'warning' ? '! ' : '';
  out.push(`== ${marker}${c.title} ==`);
  if (c.subtitle) out.push(richText(c.subtitle, zone));
  for (const b of c.blocks) {
    switch (b.type) {
      case 'text':
        out.push(richText(b.text, zone));
        break;
      case 'fields': {
        const w = Math.max(...b.fields.map((f) => f.label.length));
        for (const f of b.fields) out.push(`  ${f.label.padEnd(w)}  ${richText(f.value, zone)}`);
        break;
      }
      case 'list':
        for (const i of b.items) out.push(`  - ${richText(i, zone)}`);
        break;
      case 'table': {
        const rows = b.rows.map((r) => r.map((cell) => richText(cell, zone)));
        const widths = b.columns.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
        const right = (i: number) => b.align?.[i] === 'right';
        out.push('  ' + b.columns.map((h, i) => pad(h, widths[i] ?? 0, right(i))).join('  '));
        for (const r of rows) out.push('  ' + r.map((cell, i) => pad(cell, widths[i] ?? 0, right(i))).join('  '));
        break;
      }
      case 'image':
        out.push(`[image: ${b.alt}]${b.path ? ` saved to ${b.path}` : b.url ? ` ${b.url}` : ''}`);
        break;
      case 'divider':
        out.push('--');
        break;
    }
  }
  let n = opts.firstChoice ?? 1;
  for (const a of c.actions ?? []) {
    if (a.choices?.length) {
      for (const ch of a.choices) out.push(`  [${n++}] ${a.label}: ${ch.label}`);
    } else {
      const asks = a.form ? ` (asks for ${a.form.fields.map((f) => f.label.toLowerCase()).join(', ')})` : a.reason ? ' (asks for a reason)' : '';
      out.push(`  [${n++}] ${a.label}${asks}`);
    }
  }
  for (const x of c.context ?? []) out.push(`  · ${richText(x, zone)}`);
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
    if (a.choices?.length) for (const ch of a.choices) out.push({ actionId: ch.id, label: `${a.label}: ${ch.label}` });
    else out.push({ actionId: a.id, label: a.label, ...(a.reason ? { reason: a.reason } : {}), ...(a.form ? { form: a.form } : {}) });
  }
  return out;
}
