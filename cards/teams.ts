/**
 * Card → Adaptive Card 1.5 for Microsoft Teams. Teams refuses a message over about 28 KB and the
 * reference renderer caps an action row at 5 buttons, so this renderer never emits more: long
 * parts are cut with "…" (and a link to `card.moreUrl`), extra buttons move behind "More actions".
 * User strings are Markdown-escaped wherever Teams parses Markdown (TextBlock, Fact); times become
 * `{{DATE()}}`/`{{TIME()}}` so each reader sees their own zone.
 *
 * Buttons are Action.Execute (Universal Actions: the invoke response replaces the card for
 * everyone) with `verb` = the action type and `data.action` = the signed action id, and an
 * Action.Submit fallback for clients without Universal Actions. Reasons and choices sit in an
 * Action.ShowCard, so each button asks only for what it needs.
 *
 * A card whose actions are for some people only (`card.audience`) is posted as everyone's copy:
 * no buttons, the waiting line, and a `refresh` (Action.Execute, verb "refresh", the signed card
 * reference) listing the Teams ids of the people who may act. Teams asks the bot for their own
 * copy, which the adapter renders with `audience.canAct` and the buttons.
 */
import type {
  IActionSet,
  IAdaptiveCard,
  IChoiceSetInput,
  IColumn,
  IColumnSet,
  IExecuteAction,
  IFactSet,
  IShowCardAction,
  ISubmitAction,
  ITextBlock,
  ITextInput,
  ActionArray,
  CardElementArray,
  TextColor,
} from '@microsoft/teams.cards';
import { z } from 'zod';
import { peekActionType } from './action-ids.js';
import type { Block, Card, CardAction, Rich, Span } from './card.js';
import { t } from '../src/i18n/t.js';
import { formatInstant } from './time.js';

export const TEAMS_LIMITS = {
  /** Teams refuses activities over ~28 KB; the rest is the activity envelope */
  cardBytes: 26_000,
  /** the Adaptive Cards default host config; the reference validator enforces it */
  actionsPerSet: 5,
  /** buttons and choices beyond these are left out with a note */
  actions: 20,
  choices: 50,
  /** below this many choices each is its own button, above it a drop-down */
  choiceButtons: 6,
  titleChars: 200,
  textChars: 2000,
  facts: 20,
  factTitleChars: 80,
  factValueChars: 400,
  listItems: 25,
  itemChars: 300,
  tableRows: 25,
  tableColumns: 8,
  cellChars: 60,
  contextItems: 5,
  buttonChars: 80,
  reasonChars: 500,
  summaryChars: 300,
  /** Teams refreshes a card automatically for at most 60 listed users */
  refreshUserIds: 60,
} as const;

/** The Action.Execute verb of a card's `refresh`; its data carries `refresh`: the signed card reference. */
export const REFRESH_VERB = 'refresh';

export interface TeamsRenderOptions {
  /** zone for plain-text summaries, where Teams cannot localize */
  zone?: string;
  /** a URL (https or data:) for a file the bot wrote; without one the image shows as its alt text */
  fileUrl?: (path: string) => string | undefined;
  /** prefix for input ids, so several cards in one message keep them unique */
  idPrefix?: string;
  /**
   * For a card with an audience: whether this copy is for someone in it (with the buttons) or for
   * everyone else (the waiting line), and the Teams user ids (29:...) Teams refreshes it for
   * automatically (the first 60). Without it, an audience card renders as everyone's copy.
   */
  audience?: { canAct: boolean; userIds: string[] };
}

const ELLIPSIS = '…';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return s.slice(0, Math.max(0, max - 1)).trimEnd() + ELLIPSIS;
}

/**
 * Markdown that Teams and the Adaptive Cards renderers act on: emphasis, links, HTML-ish tags,
 * entities, `{{DATE()}}` functions, and list/heading markers at the start of a line. A backslash
 * before ASCII punctuation shows it literally (CommonMark), which Teams desktop, web and mobile honour.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_{}[\]()<>&~#|!]/g, '\\$&')
    .replace(/^([ \t]*)([-+=])/gm, '$1\\$2')
    .replace(/^([ \t]*)(\d+)([.)])/gm, '$1$2\\$3');
}

/** `{{DATE(...)}}` wants RFC 3339 without milliseconds. */
function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function timeToken(s: { time: Date; style?: 'datetime' | 'time' | 'date' }): string {
  const at = rfc3339(s.time);
  if (s.style === 'date') return `{{DATE(${at}, SHORT)}}`;
  if (s.style === 'time') return `{{TIME(${at})}}`;
  return `{{DATE(${at}, SHORT)}} {{TIME(${at})}}`;
}

function safeUrl(u: string): string | undefined {
  if (!/^(https?:\/\/|mailto:)/i.test(u)) return undefined;
  // Inside (...) a space, a parenthesis or an angle bracket would end or break the link.
  return u.replace(/[\s()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function spanMarkdown(s: Span): string {
  if (typeof s === 'string') return escapeMarkdown(s);
  if ('bold' in s) {
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(s.bold)!;
    return m[2] ? `${m[1]}**${escapeMarkdown(m[2])}**${m[3]}` : s.bold;
  }
  // Teams' card Markdown has no inline code: the text is shown as it is.
  if ('code' in s) return escapeMarkdown(s.code);
  if ('link' in s) {
    const url = safeUrl(s.link);
    const text = escapeMarkdown(s.text || s.link);
    return url ? `[${text}](${url})` : text;
  }
  return timeToken(s);
}

/** Rich text as Teams Markdown: user strings escaped, instants localized by Teams. */
export function markdown(r: Rich): string {
  return typeof r === 'string' ? escapeMarkdown(r) : r.map(spanMarkdown).join('');
}

function spanPlain(s: Span, zone: string): string {
  if (typeof s === 'string') return s;
  if ('bold' in s) return s.bold;
  if ('code' in s) return s.code;
  if ('link' in s) return s.text || s.link;
  return formatInstant(s.time, zone, s.style);
}

export function plainText(r: Rich, zone = 'UTC'): string {
  return typeof r === 'string' ? r : r.map((s) => spanPlain(s, zone)).join('');
}

/** Cut rich text to about `max` visible characters, span by span, so no escape or token is split. */
export function clipRich(r: Rich, max: number): Rich {
  const spans: Span[] = typeof r === 'string' ? [r] : r;
  const out: Span[] = [];
  let left = max;
  for (const s of spans) {
    if (left <= 0) break;
    if (typeof s === 'string') {
      out.push(clip(s, left));
      left -= s.length;
    } else if ('bold' in s) {
      out.push({ bold: clip(s.bold, left) });
      left -= s.bold.length;
    } else if ('code' in s) {
      out.push({ code: clip(s.code, left) });
      left -= s.code.length;
    } else if ('link' in s) {
      out.push({ ...s, text: clip(s.text || s.link, left) });
      left -= (s.text || s.link).length;
    } else {
      out.push(s);
      left -= 20;
    }
  }
  const total = spans.reduce((n, s) => n + (typeof s === 'string' ? s.length : 'bold' in s ? s.bold.length : 'code' in s ? s.code.length : 'link' in s ? (s.text || s.link).length : 20), 0);
  if (total > max && !plainText(out).endsWith(ELLIPSIS)) out.push(ELLIPSIS);
  return out;
}

function isAllCode(r: Rich): boolean {
  return typeof r !== 'string' && r.some((s) => typeof s !== 'string' && 'code' in s) && r.every((s) => (typeof s === 'string' ? !s.trim() : 'code' in s));
}

function textBlock(text: string, extra: Partial<Omit<ITextBlock, 'type' | 'text'>> = {}): ITextBlock {
  // An empty TextBlock is not rendered at all, which would shift table rows out of line.
  return { type: 'TextBlock', text: text.trim() ? text : '–', wrap: true, ...extra };
}

function richBlock(r: Rich, max: number, extra: Partial<Omit<ITextBlock, 'type' | 'text'>> = {}): ITextBlock {
  return textBlock(markdown(clipRich(r, max)), isAllCode(r) ? { fontType: 'Monospace', ...extra } : extra);
}

type Element = CardElementArray[number];

function renderTable(b: Extract<Block, { type: 'table' }>): Element[] {
  const cols = b.columns.slice(0, TEAMS_LIMITS.tableColumns);
  const rows = b.rows.slice(0, TEAMS_LIMITS.tableRows);
  const cells = rows.map((r) => cols.map((_, i) => clipRich(r[i] ?? '', TEAMS_LIMITS.cellChars)));
  // Row by row, one ColumnSet each, with the same relative widths in every row: cells wrap (an
  // amount or a command is never cut to "142.…") and a row is as tall as its tallest cell, so the
  // columns stay aligned on a phone too. Widths follow each column's longest content, within 4..30.
  const longest = cols.map((h, i) => Math.max(h.length, ...cells.map((r) => plainText(r[i] ?? '').length)));
  const widths = longest.map((n) => Math.max(4, Math.min(30, n)));
  const aligns = cols.map((_, i) => (b.align?.[i] === 'right' ? ({ horizontalAlignment: 'Right' } as const) : {}));
  const row = (items: Element[], first: boolean): IColumnSet => ({
    type: 'ColumnSet',
    ...(first ? {} : { spacing: 'Small' }),
    columns: items.map((item, i): IColumn => ({ type: 'Column', width: widths[i], items: [item] })),
  });
  const out: Element[] = [
    row(cols.map((h, i) => textBlock(escapeMarkdown(clip(h, TEAMS_LIMITS.cellChars)), { weight: 'Bolder', wrap: true, ...aligns[i] })), true),
    ...cells.map((r) => row(cols.map((_, i) => textBlock(markdown(r[i] ?? ''), { wrap: true, ...aligns[i] })), false)),
  ];
  const hidden = b.rows.length - rows.length;
  const hiddenCols = b.columns.length - cols.length;
  if (hidden > 0 || hiddenCols > 0) {
    const note =
      hidden > 0 && hiddenCols > 0
        ? t('cards-render.teams.hidden-rows-columns', { rows: hidden, cols: hiddenCols })
        : hidden > 0
          ? t('cards-render.teams.hidden-rows', { rows: hidden })
          : t('cards-render.teams.hidden-columns', { cols: hiddenCols });
    out.push(textBlock(`${ELLIPSIS} ${note}`, { isSubtle: true, size: 'Small' }));
  }
  return out;
}

function renderBlock(b: Block, opts: TeamsRenderOptions): Element[] {
  switch (b.type) {
    case 'text':
      return [richBlock(b.text, TEAMS_LIMITS.textChars)];
    case 'fields': {
      const facts = b.fields.slice(0, TEAMS_LIMITS.facts).map((f) => ({
        title: escapeMarkdown(clip(f.label, TEAMS_LIMITS.factTitleChars)) || '–',
        value: markdown(clipRich(f.value, TEAMS_LIMITS.factValueChars)).trim() || '–',
      }));
      const out: Element[] = [{ type: 'FactSet', facts } satisfies IFactSet];
      const hidden = b.fields.length - facts.length;
      if (hidden > 0) out.push(textBlock(`${ELLIPSIS} ${t('cards-render.teams.hidden-fields', { n: hidden })}`, { isSubtle: true, size: 'Small' }));
      return out;
    }
    case 'list': {
      const items = b.items.slice(0, TEAMS_LIMITS.listItems).map((i) => `- ${markdown(clipRich(i, TEAMS_LIMITS.itemChars)).replace(/\n/g, ' ')}`);
      const hidden = b.items.length - items.length;
      if (hidden > 0) items.push(`- ${ELLIPSIS} ${t('cards-render.teams.hidden-items', { n: hidden })}`);
      // "\r" between items is how Teams documents a Markdown list in a TextBlock.
      return [textBlock(items.join('\r'))];
    }
    case 'table':
      return renderTable(b);
    case 'image': {
      const url = b.url && /^https:\/\//i.test(b.url) ? b.url : b.path ? opts.fileUrl?.(b.path) : undefined;
      if (url) return [{ type: 'Image', url, altText: clip(b.alt, 200), size: 'Stretch' }];
      return [textBlock(t('cards-render.teams.image-not-shown', { alt: escapeMarkdown(clip(b.alt || t('cards-render.image'), 200)) }), { isSubtle: true })];
    }
    case 'file': {
      const url = opts.fileUrl?.(b.path);
      if (url) return [textBlock(t('cards-render.teams.file-link', { link: `[${escapeMarkdown(clip(b.name, 200))}](${url})`, days: 7 }))];
      return [textBlock(t('cards-render.teams.file-not-attached', { name: escapeMarkdown(clip(b.name, 200)), setting: 'PUBLIC_URL' }), { isSubtle: true })];
    }
    case 'divider':
      return [];
  }
}

const TONE_COLOR: Record<NonNullable<Card['tone']>, TextColor> = { info: 'Default', good: 'Good', warning: 'Warning', danger: 'Attention' };

function executeStyle(a: { style?: CardAction['style'] }): Pick<IExecuteAction, 'style'> {
  return a.style === 'primary' ? { style: 'positive' } : a.style === 'danger' ? { style: 'destructive' } : {};
}

/** A button: Action.Execute, falling back to Action.Submit on clients without Universal Actions. */
function button(title: string, actionId: string, style: CardAction['style']): IExecuteAction {
  const t = clip(title, TEAMS_LIMITS.buttonChars);
  const data = { action: actionId };
  const fallback: ISubmitAction = { type: 'Action.Submit', title: t, data, ...executeStyle({ style }) };
  return { type: 'Action.Execute', title: t, verb: peekActionType(actionId) ?? 'action', data, ...executeStyle({ style }), fallback };
}

/** Several rows of buttons, each within the per-set limit. */
function actionSets(actions: ActionArray): IActionSet[] {
  const out: IActionSet[] = [];
  for (let i = 0; i < actions.length; i += TEAMS_LIMITS.actionsPerSet) out.push({ type: 'ActionSet', actions: actions.slice(i, i + TEAMS_LIMITS.actionsPerSet) });
  return out;
}

export const REASON_INPUT = 'reason.';
export const CHOICE_INPUT = 'choice.';
/** `form.<n>.<key>`: a form field of action n; the key is what the verb reads */
export const FORM_INPUT = 'form.';

/** A form's fields, prefilled, on the card a ShowCard opens (a notice instead when it cannot be filled). */
function formInputs(idBase: string, form: NonNullable<CardAction['form']>): Element[] {
  if (form.notice) return [textBlock(escapeMarkdown(clip(form.notice, TEAMS_LIMITS.textChars)), { wrap: true })];
  return form.fields.map(
    (f): ITextInput => ({
      type: 'Input.Text',
      id: `${idBase}.${f.key}`,
      label: clip(f.label, 100),
      isMultiline: f.multiline ?? false,
      ...(f.value ? { value: f.maxLength ? f.value.slice(0, f.maxLength) : f.value } : {}),
      ...(f.maxLength ? { maxLength: f.maxLength } : {}),
      ...(f.required ? { isRequired: true, errorMessage: t('cards-render.teams.cannot-be-empty', { label: clip(f.label, 60) }) } : {}),
    }),
  );
}

function reasonInput(id: string, r: NonNullable<CardAction['reason']>): ITextInput {
  return {
    type: 'Input.Text',
    id,
    label: clip(r.label, 100) || t('cards-render.reason'),
    isRequired: r.required,
    ...(r.required ? { errorMessage: t('cards-render.teams.reason-needed') } : {}),
    isMultiline: true,
    maxLength: TEAMS_LIMITS.reasonChars,
  };
}

interface Built {
  actions: ActionArray;
  dropped: number;
}

function renderActions(list: CardAction[], prefix: string, budget: number): Built {
  const out: ActionArray = [];
  let dropped = 0;
  let used = 0;
  list.forEach((a, n) => {
    const choices = a.choices ?? [];
    const cost = Math.max(1, Math.min(choices.length, TEAMS_LIMITS.choiceButtons));
    if (used + cost > budget) {
      dropped += Math.max(1, choices.length);
      return;
    }
    used += cost;
    const title = clip(a.label, TEAMS_LIMITS.buttonChars);
    const reason = a.reason ? [reasonInput(`${REASON_INPUT}${prefix}${n}`, a.reason)] : [];
    if (choices.length && choices.length <= TEAMS_LIMITS.choiceButtons) {
      const card: IAdaptiveCard = { type: 'AdaptiveCard', body: [...reason, ...actionSets(choices.map((c) => button(c.label, c.id, a.style)))] };
      out.push({ type: 'Action.ShowCard', title, card } satisfies IShowCardAction);
    } else if (choices.length) {
      const shown = choices.slice(0, TEAMS_LIMITS.choices);
      dropped += choices.length - shown.length;
      const pick: IChoiceSetInput = {
        type: 'Input.ChoiceSet',
        id: `${CHOICE_INPUT}${prefix}${n}`,
        label: title,
        style: 'compact',
        isRequired: true,
        errorMessage: t('cards-render.teams.pick-one'),
        choices: shown.map((c) => ({ title: clip(c.label, TEAMS_LIMITS.buttonChars), value: c.id })),
      };
      const card: IAdaptiveCard = { type: 'AdaptiveCard', body: [pick, ...reason], actions: [button(title, a.id, a.style)] };
      out.push({ type: 'Action.ShowCard', title, card } satisfies IShowCardAction);
    } else if (a.form) {
      const card: IAdaptiveCard = { type: 'AdaptiveCard', body: formInputs(`${FORM_INPUT}${prefix}${n}`, a.form), actions: a.form.notice ? [] : [button(clip(a.form.submit, TEAMS_LIMITS.buttonChars), a.id, 'primary')] };
      out.push({ type: 'Action.ShowCard', title, card } satisfies IShowCardAction);
    } else if (a.reason) {
      const card: IAdaptiveCard = { type: 'AdaptiveCard', body: reason, actions: [button(title, a.id, a.style)] };
      out.push({ type: 'Action.ShowCard', title, card } satisfies IShowCardAction);
    } else {
      out.push(button(title, a.id, a.style));
    }
  });
  if (out.length <= TEAMS_LIMITS.actionsPerSet) return { actions: out, dropped };
  // The first four stay in sight; the rest open under one more button.
  const head = out.slice(0, TEAMS_LIMITS.actionsPerSet - 1);
  const more: IShowCardAction = { type: 'Action.ShowCard', title: t('cards-render.teams.more-actions'), card: { type: 'AdaptiveCard', body: actionSets(out.slice(TEAMS_LIMITS.actionsPerSet - 1)) } };
  return { actions: [...head, more], dropped };
}

/** The one line a notification or a client without cards shows. */
export function teamsSummary(c: Card, zone = 'UTC'): string {
  const sub = c.subtitle ? plainText(c.subtitle, c.zone ?? zone) : '';
  return clip([c.title, sub].filter((x) => x.trim()).join(': '), TEAMS_LIMITS.summaryChars);
}

function bytes(x: unknown): number {
  return Buffer.byteLength(JSON.stringify(x), 'utf8');
}

/** Render a card to an Adaptive Card 1.5 within Teams' limits. */
export function renderTeams(c: Card, opts: TeamsRenderOptions = {}): IAdaptiveCard {
  const prefix = opts.idPrefix ?? '';
  const head: Element[] = [textBlock(escapeMarkdown(clip(c.title, TEAMS_LIMITS.titleChars)), { size: 'Medium', weight: 'Bolder', color: TONE_COLOR[c.tone ?? 'info'], style: 'heading' })];
  if (c.subtitle) head.push(richBlock(c.subtitle, TEAMS_LIMITS.textChars, { isSubtle: true, spacing: 'None' }));

  const body: Element[] = [];
  let separate = false;
  for (const b of c.blocks) {
    if (b.type === 'divider') {
      separate = body.length > 0;
      continue;
    }
    const els = renderBlock(b, opts);
    if (separate && els[0]) Object.assign(els[0], { separator: true });
    separate = false;
    body.push(...els);
  }

  const context = (c.context ?? []).map((x) => markdown(clipRich(x, TEAMS_LIMITS.textChars)));
  const ctxLines = context.slice(0, TEAMS_LIMITS.contextItems - 1);
  const rest = context.slice(TEAMS_LIMITS.contextItems - 1);
  if (rest.length) ctxLines.push(rest.join(' · '));

  const moreLink = () => {
    const url = c.moreUrl ? safeUrl(c.moreUrl) : undefined;
    return url ? ` [${t('cards-render.see-everything')}](${url})` : '';
  };

  const aud = c.audience;
  const forDecider = !aud || opts.audience?.canAct === true;
  const userIds = (opts.audience?.userIds ?? []).slice(0, TEAMS_LIMITS.refreshUserIds);
  // No decider has a known Teams id, so no refresh would bring anyone the buttons (an empty
  // `userIds` turns automatic refresh off): everyone's copy carries them, and the verb checks the
  // clicker's role, as in Slack and the terminal.
  const nobodyListed = aud !== undefined && !forDecider && userIds.length === 0;
  const canAct = forDecider || nobodyListed;
  const waiting: Element[] = aud && !forDecider ? [richBlock(aud.waiting, TEAMS_LIMITS.textChars, { weight: 'Bolder', spacing: 'Medium' })] : [];
  const refresh: Pick<IAdaptiveCard, 'refresh'> = aud
    ? {
        refresh: {
          action: { type: 'Action.Execute', title: t('cards-render.teams.refresh'), verb: REFRESH_VERB, data: { refresh: aud.ref } },
          ...(userIds.length ? { userIds } : {}),
        },
      }
    : {};

  let actionBudget: number = TEAMS_LIMITS.actions;
  for (;;) {
    const built = renderActions(canAct ? (c.actions ?? []) : [], prefix, actionBudget);
    const tail: Element[] = [...waiting, ...ctxLines.map((t, i) => textBlock(t, { isSubtle: true, size: 'Small', spacing: i === 0 ? 'Medium' : 'None' }))];
    if (built.dropped) tail.push(textBlock(t('cards-render.teams.dropped', { n: built.dropped }), { isSubtle: true, size: 'Small', spacing: 'None' }));
    const card = (bodyEls: Element[]): IAdaptiveCard => ({
      type: 'AdaptiveCard',
      $schema: SCHEMA,
      version: '1.5',
      fallbackText: teamsSummary(c, opts.zone),
      body: [...head, ...bodyEls, ...tail],
      ...(built.actions.length ? { actions: built.actions } : {}),
      ...refresh,
    });
    let kept = body;
    let out = card(kept);
    // The end of a long body matters less than the buttons and the small print: cut it first.
    while (bytes(out) > TEAMS_LIMITS.cardBytes && kept.length) {
      kept = kept.slice(0, -1);
      const hidden = body.length - kept.length;
      out = card([...kept, textBlock(`${ELLIPSIS} ${t('cards-render.more-parts', { n: hidden })}${moreLink()}`, { isSubtle: true, size: 'Small' })]);
    }
    if (bytes(out) <= TEAMS_LIMITS.cardBytes || actionBudget <= 1) return out;
    actionBudget = Math.floor(actionBudget / 2);
  }
}

/**
 * What a click sends back (Action.Execute `data` or Action.Submit `value`): the signed action id,
 * with a picked choice replacing it, and the typed reason. Null when it is not one of our buttons.
 */
export function readActionData(data: unknown): { actionId: string; reason?: string; values?: Record<string, string> } | null {
  const parsed = z
    .object({ action: z.string().min(1).max(4000) })
    .catchall(z.unknown())
    .safeParse(data);
  if (!parsed.success) return null;
  let actionId = parsed.data.action;
  let reason: string | undefined;
  let values: Record<string, string> | undefined;
  for (const [k, v] of Object.entries(parsed.data)) {
    if (typeof v !== 'string' || !v.trim()) continue;
    if (k.startsWith(CHOICE_INPUT)) actionId = v.trim();
    else if (k.startsWith(REASON_INPUT)) reason = v.trim().slice(0, TEAMS_LIMITS.reasonChars);
    else if (k.startsWith(FORM_INPUT)) {
      // `form.<n>.<key>`: the key after the last dot; the verb checks lengths and content.
      const key = k.slice(k.lastIndexOf('.') + 1);
      if (key) (values ??= {})[key] = v.slice(0, 10_000);
    }
  }
  return { actionId, ...(reason ? { reason } : {}), ...(values ? { values } : {}) };
}

/** The signed card reference a `refresh` invoke carries; null when the data is not one of ours. */
export function readRefreshData(data: unknown): string | null {
  const parsed = z.object({ refresh: z.string().min(1).max(400) }).safeParse(data);
  return parsed.success ? parsed.data.refresh : null;
}
