/**
 * Card → Block Kit. Slack refuses a whole message when one limit is exceeded (a 3,001-character
 * section, a 51st block, a 76-character button), so this renderer never emits anything over a
 * limit: it truncates with "…" and points to `card.moreUrl`. User strings are mrkdwn-escaped
 * (& < >) everywhere they land in mrkdwn; plain_text objects are shown literally by Slack.
 */
import type { types } from '@slack/bolt';
import type { Block, Card, CardAction, Rich, Span } from './card.js';
import { t } from '../src/i18n/t.js';
import { formatInstant } from './time.js';

export type SlackBlock = types.KnownBlock;

/** Slack's documented limits, in one place so the renderer and its tests agree. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** modals and the App Home tab */
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  contextElements: 10,
  contextText: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  placeholder: 150,
  imageAlt: 2000,
  /** top-level `text`: Slack truncates past 40,000; notifications read the first few lines */
  fallbackText: 3000,
} as const;

const ELLIPSIS = '…';

/** mrkdwn control characters; Slack decodes exactly these three entities. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeUrl(u: string): string {
  // `|` and `>` end a link in mrkdwn; percent-encoding keeps the URL working.
  return u.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/** Cut plain text to `max` characters, ending with "…" when cut. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return s.slice(0, Math.max(0, max - 1)).trimEnd() + ELLIPSIS;
}

/**
 * Cut mrkdwn to `max` without breaking an entity (&amp;), a <link|…> or <!date…>, or a ``` fence,
 * then append `suffix` (an ellipsis and maybe a link) within the limit.
 */
export function clipMrkdwn(s: string, max: number, suffix = ELLIPSIS): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, Math.max(0, max - suffix.length - 4));
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const lt = cut.lastIndexOf('<');
  if (lt >= 0 && !cut.slice(lt).includes('>')) cut = cut.slice(0, lt);
  const fences = cut.split('```').length - 1;
  const close = fences % 2 === 1 ? '\n```' : '';
  return `${cut.trimEnd()}${close}${suffix}`.slice(0, max);
}

export interface SlackRenderOptions {
  /** 50 for a message, 100 for a modal or the App Home */
  maxBlocks?: number;
  /** shown in code blocks and fallbacks, where Slack cannot localize times */
  zone?: string;
  /** leave out the header (App Home sections use their own) */
  noHeader?: boolean;
  /** prefix for action ids, so two cards in one view keep them unique */
  actionPrefix?: string;
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

function dateToken(s: { time: Date; style?: 'datetime' | 'time' | 'date' }, zone: string): string {
  const unix = Math.floor(s.time.getTime() / 1000);
  const fmt = s.style === 'time' ? '{time}' : s.style === 'date' ? '{date_short_pretty}' : '{date_short_pretty} {time}';
  // The fallback is what clients that cannot localize show; it names its zone.
  return `<!date^${unix}^${fmt}|${escapeMrkdwn(formatInstant(s.time, zone, s.style))}>`;
}

function spanMrkdwn(s: Span, zone: string): string {
  if (typeof s === 'string') return escapeMrkdwn(s);
  if ('bold' in s) return s.bold.trim() ? `*${escapeMrkdwn(s.bold)}*` : escapeMrkdwn(s.bold);
  if ('code' in s) return s.code ? `\`${escapeMrkdwn(s.code.replace(/`/g, "'"))}\`` : '';
  if ('link' in s) return `<${escapeUrl(s.link)}|${escapeMrkdwn(s.text || s.link)}>`;
  return dateToken(s, zone);
}

/** Rich text as mrkdwn: every user string escaped, times as <!date^…>. */
export function mrkdwn(r: Rich, zone = 'UTC'): string {
  return typeof r === 'string' ? escapeMrkdwn(r) : r.map((s) => spanMrkdwn(s, zone)).join('');
}

/** Rich text as plain characters (inside code blocks, where mrkdwn is not parsed but & < > still are). */
function plainIn(r: Rich, zone: string): string {
  if (typeof r === 'string') return r;
  return r
    .map((s) => {
      if (typeof s === 'string') return s;
      if ('bold' in s) return s.bold;
      if ('code' in s) return s.code;
      if ('link' in s) return s.text;
      return formatInstant(s.time, zone, s.style);
    })
    .join('');
}

const TABLE_CELL_MAX = 48;

/** A table as monospace lines; cells are clipped so a long note does not push columns off screen. */
function tableLines(b: Extract<Block, { type: 'table' }>, zone: string): { head: string; rows: string[] } {
  const rows = b.rows.map((r) => r.map((cell) => clip(plainIn(cell, zone).replace(/\s+/g, ' '), TABLE_CELL_MAX)));
  const widths = b.columns.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (b.align?.[i] === 'right' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return { head: line(b.columns), rows: rows.map(line) };
}

function section(text: string, max: number = SLACK_LIMITS.sectionText): SlackBlock {
  // Slack refuses an empty section text.
  return { type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(text.trim() ? text : '–', max) } };
}

/** One card block → Slack blocks (a long table or field list becomes several sections). */
function renderBlock(b: Block, zone: string): SlackBlock[] {
  switch (b.type) {
    case 'text':
      return [section(mrkdwn(b.text, zone))];
    case 'fields': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < b.fields.length; i += SLACK_LIMITS.sectionFields) {
        out.push({
          type: 'section',
          fields: b.fields.slice(i, i + SLACK_LIMITS.sectionFields).map((f) => ({
            type: 'mrkdwn' as const,
            text: clipMrkdwn(`*${escapeMrkdwn(f.label)}*\n${mrkdwn(f.value, zone).trim() || '–'}`, SLACK_LIMITS.fieldText),
          })),
        });
      }
      return out;
    }
    case 'list': {
      // Items are packed into as few sections as fit under the text limit.
      const out: SlackBlock[] = [];
      let buf = '';
      for (const item of b.items) {
        const line = clipMrkdwn(`• ${mrkdwn(item, zone)}`, SLACK_LIMITS.sectionText - 1);
        if (buf && buf.length + 1 + line.length > SLACK_LIMITS.sectionText) {
          out.push(section(buf));
          buf = '';
        }
        buf = buf ? `${buf}\n${line}` : line;
      }
      if (buf) out.push(section(buf));
      return out;
    }
    case 'table': {
      const { head, rows } = tableLines(b, zone);
      const fence = (lines: string[]) => '```\n' + lines.map(escapeMrkdwn).join('\n') + '\n```';
      const out: SlackBlock[] = [];
      let chunk: string[] = [head];
      for (const r of rows) {
        if (fence([...chunk, r]).length > SLACK_LIMITS.sectionText && chunk.length > 1) {
          out.push(section(fence(chunk)));
          chunk = [head];
        }
        chunk.push(r);
      }
      out.push(section(fence(chunk)));
      return out;
    }
    case 'file':
      // The adapter uploads the file next to the message, or to the reader's direct messages.
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: clipMrkdwn(`:page_facing_up: ${t(b.personal ? 'cards-render.slack.sent-direct' : 'cards-render.slack.attached', { alt: escapeMrkdwn(b.name) })}`, SLACK_LIMITS.contextText) }] }];
    case 'image':
      if (b.url && /^https:\/\//.test(b.url)) return [{ type: 'image', image_url: b.url, alt_text: clip(b.alt || t('cards-render.image'), SLACK_LIMITS.imageAlt) }];
      // A file the bot wrote has no public URL; the adapter uploads it next to the message.
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: clipMrkdwn(`:frame_with_picture: ${t('cards-render.slack.attached', { alt: escapeMrkdwn(b.alt) })}`, SLACK_LIMITS.contextText) }] }];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

const TONE_EMOJI: Record<NonNullable<Card['tone']>, string> = {
  info: '',
  good: ':white_check_mark: ',
  warning: ':warning: ',
  danger: ':rotating_light: ',
};

/**
 * What an action id tells the click handler besides the signed payload (which is in `value`):
 * which kind of element it was and, for a reason, the modal's label. Not trusted for anything
 * the verb decides; the verb re-checks role and state.
 */
export type SlackActionMeta = { kind: 'button' } | { kind: 'select' } | { kind: 'form' } | { kind: 'reason'; required: boolean; label: string; title: string };

export const ACTION_ID_PREFIX = 'co';

function actionId(prefix: string, n: number, meta: SlackActionMeta): string {
  const base = `${ACTION_ID_PREFIX}.${prefix}${n}`;
  if (meta.kind === 'button') return `${base}.b`;
  if (meta.kind === 'select') return `${base}.s`;
  // A form's fields and values are loaded at the click: a message body does not fit an action id.
  if (meta.kind === 'form') return `${base}.f`;
  const tail = `${base}.r${meta.required ? 1 : 0}.`;
  const json = JSON.stringify([clip(meta.title, 24), clip(meta.label, 100)]);
  return (tail + json).slice(0, SLACK_LIMITS.actionId);
}

/** Read back what actionId() wrote; null for ids that are not ours. */
export function parseSlackActionId(id: string): SlackActionMeta | null {
  const m = /^co\.[a-z]*\d+\.(b|s|f|r[01]\.(.*))$/s.exec(id);
  if (!m) return null;
  if (m[1] === 'b') return { kind: 'button' };
  if (m[1] === 's') return { kind: 'select' };
  if (m[1] === 'f') return { kind: 'form' };
  try {
    const [title, label] = JSON.parse(m[2] ?? '') as [unknown, unknown];
    return { kind: 'reason', required: m[1]!.startsWith('r1'), title: typeof title === 'string' ? title : t('cards-render.reason'), label: typeof label === 'string' ? label : t('cards-render.reason') };
  } catch {
    return { kind: 'reason', required: m[1]!.startsWith('r1'), title: t('cards-render.reason'), label: t('cards-render.reason') };
  }
}

function buttonStyle(a: CardAction): { style?: 'primary' | 'danger' } {
  return a.style === 'primary' || a.style === 'danger' ? { style: a.style } : {};
}

type Element = types.Button | types.StaticSelect;

function renderActions(actions: CardAction[], prefix: string): { elements: Element[]; dropped: number } {
  const elements: Element[] = [];
  let dropped = 0;
  let n = 0;
  for (const a of actions) {
    if (a.id.length > SLACK_LIMITS.buttonValue) {
      // A payload that Slack would refuse cannot be shortened without breaking its signature.
      dropped++;
      continue;
    }
    const choices = a.choices ?? [];
    if (choices.length) {
      const fit = choices.filter((c) => c.id.length <= SLACK_LIMITS.optionValue);
      if (fit.length === choices.length && choices.length <= SLACK_LIMITS.selectOptions) {
        elements.push({
          type: 'static_select',
          action_id: actionId(prefix, n++, { kind: 'select' }),
          placeholder: { type: 'plain_text', text: clip(a.label, SLACK_LIMITS.placeholder), emoji: true },
          options: choices.map((c) => ({ text: { type: 'plain_text', text: clip(c.label, SLACK_LIMITS.optionText), emoji: true }, value: c.id })),
        });
      } else {
        // Option values hold 150 characters, buttons 2,000: long payloads become one button per choice.
        for (const c of choices) {
          if (c.id.length > SLACK_LIMITS.buttonValue) {
            dropped++;
            continue;
          }
          elements.push({ type: 'button', action_id: actionId(prefix, n++, { kind: 'button' }), text: { type: 'plain_text', text: clip(t('common.pair', { a: a.label, b: c.label }), SLACK_LIMITS.buttonText), emoji: true }, value: c.id, ...buttonStyle(a) });
        }
      }
      continue;
    }
    const meta: SlackActionMeta = a.form ? { kind: 'form' } : a.reason ? { kind: 'reason', required: a.reason.required, label: a.reason.label, title: a.label } : { kind: 'button' };
    elements.push({ type: 'button', action_id: actionId(prefix, n++, meta), text: { type: 'plain_text', text: clip(a.label, SLACK_LIMITS.buttonText), emoji: true }, value: a.id, ...buttonStyle(a) });
  }
  return { elements, dropped };
}

/** The notification text: the title, the subtitle, and for a notice or error its message. */
export function fallbackText(c: Card, zone = 'UTC'): string {
  const first = c.kind === 'info' || c.kind === 'error' ? c.blocks.find((b) => b.type === 'text') : undefined;
  const parts = [c.title, c.subtitle ? plainIn(c.subtitle, zone) : '', first && first.type === 'text' ? plainIn(first.text, zone) : ''].filter(Boolean);
  return clipMrkdwn(escapeMrkdwn(parts.join(': ')), SLACK_LIMITS.fallbackText);
}

/** Render a card to a Slack message (or view body with maxBlocks 100). */
export function renderSlack(c: Card, opts: SlackRenderOptions = {}): SlackMessage {
  const zone = c.zone ?? opts.zone ?? 'UTC';
  const maxBlocks = opts.maxBlocks ?? SLACK_LIMITS.blocksPerMessage;
  const head: SlackBlock[] = [];
  if (!opts.noHeader) head.push({ type: 'header', text: { type: 'plain_text', text: clip(`${TONE_EMOJI[c.tone ?? 'info']}${c.title}`, SLACK_LIMITS.headerText), emoji: true } });
  if (c.subtitle) head.push(section(mrkdwn(c.subtitle, zone)));
  const body = c.blocks.flatMap((b) => renderBlock(b, zone));

  const { elements, dropped } = renderActions(c.actions ?? [], opts.actionPrefix ?? '');
  const actionBlocks: SlackBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.actionsElements) {
    actionBlocks.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.actionsElements) });
  }

  const contextItems = (c.context ?? []).map((x) => mrkdwn(x, zone));
  if (dropped) contextItems.push(escapeMrkdwn(t('cards-render.slack.dropped', { n: dropped })));
  const tail: SlackBlock[] = [];
  if (contextItems.length) {
    // Ten elements at most: the rest are joined into the last one.
    const elems = contextItems.slice(0, SLACK_LIMITS.contextElements - 1);
    const rest = contextItems.slice(SLACK_LIMITS.contextElements - 1);
    if (rest.length) elems.push(rest.join(' · '));
    tail.push({ type: 'context', elements: elems.map((t) => ({ type: 'mrkdwn' as const, text: clipMrkdwn(t.trim() ? t : '–', SLACK_LIMITS.contextText) })) });
  }

  // Actions and the small print matter more than the end of a long body: the body is cut first.
  const room = maxBlocks - head.length - actionBlocks.length - tail.length;
  let kept = body;
  if (body.length > room) {
    kept = body.slice(0, Math.max(0, room - 1));
    const hidden = body.length - kept.length;
    const more = c.moreUrl ? ` <${escapeUrl(c.moreUrl)}|${escapeMrkdwn(t('cards-render.see-everything'))}>` : '';
    kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${ELLIPSIS} ${escapeMrkdwn(t('cards-render.more-parts', { n: hidden }))}${more}` }] });
  }
  const blocks = [...head, ...kept, ...actionBlocks, ...tail].slice(0, maxBlocks);
  return { text: fallbackText(c, zone), blocks };
}

/** Several cards in one message (a command that answers with more than one card). */
export function renderSlackMany(cards: Card[], opts: SlackRenderOptions = {}): SlackMessage {
  if (cards.length === 1) return renderSlack(cards[0]!, opts);
  const maxBlocks = opts.maxBlocks ?? SLACK_LIMITS.blocksPerMessage;
  const blocks: SlackBlock[] = [];
  cards.forEach((c, i) => {
    const r = renderSlack(c, { ...opts, actionPrefix: `${opts.actionPrefix ?? ''}${String.fromCharCode(97 + (i % 26))}` });
    if (blocks.length) blocks.push({ type: 'divider' });
    blocks.push(...r.blocks);
  });
  const text = clipMrkdwn(cards.map((c) => fallbackText(c, opts.zone)).join('\n'), SLACK_LIMITS.fallbackText);
  if (blocks.length <= maxBlocks) return { text, blocks };
  const kept = blocks.slice(0, maxBlocks - 1);
  kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${ELLIPSIS} ${escapeMrkdwn(t('cards-render.slack.rest-did-not-fit'))}` }] });
  return { text, blocks: kept };
}
