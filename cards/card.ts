/**
 * The platform-neutral card. Builders (cards/build/*) produce it from verb results; renderers
 * turn it into Block Kit (slack.ts), an Adaptive Card (teams.ts) or terminal text (text.ts).
 * Text is a list of spans, never pre-formatted markup, so each renderer escapes user strings its
 * own way and shows instants in the reader's zone where the platform can.
 */

export type Span =
  | string
  | { bold: string }
  | { code: string }
  | { link: string; text: string }
  /** an instant: Slack and Teams render it in each reader's zone; text uses the card's zone */
  | { time: Date; style?: 'datetime' | 'time' | 'date' };

export type Rich = string | Span[];

export interface Field {
  label: string;
  value: Rich;
}

export type Block =
  | { type: 'text'; text: Rich }
  | { type: 'fields'; fields: Field[] }
  | { type: 'table'; columns: string[]; rows: Rich[][]; align?: ('left' | 'right')[] }
  | { type: 'list'; items: Rich[] }
  | {
      type: 'image';
      alt: string;
      /** a file the bot wrote */
      path?: string;
      url?: string;
      /**
       * writes the file at `path` when it is not written yet (a chart drawn only when a card that
       * shows it is rendered): whoever renders the card runs it first (cards/draw.ts)
       */
      draw?: () => Promise<unknown>;
    }
  /**
   * a file the bot wrote: a document for the conversation (an invoice PDF: uploaded next to the
   * message in Slack, a sealed expiring link in Teams) or, `personal`, for the reader alone (an
   * export of their data: Slack sends it to their direct messages); the terminal prints the path
   */
  | { type: 'file'; name: string; path: string; personal?: boolean; /** where else the reader gets the same content, said when the file cannot be sent */ elsewhere?: string }
  | { type: 'divider' };

export type ActionStyle = 'primary' | 'danger' | 'default';

export interface CardAction {
  /** encoded, signed payload from cards/action-ids.ts */
  id: string;
  label: string;
  style?: ActionStyle;
  /** the platform asks for a reason first (modal / card input / prompt) */
  reason?: { label: string; required: boolean };
  /** a choice to make first (reassign: which technician) */
  choices?: { label: string; id: string }[];
  /**
   * fields to fill first, prefilled (edit a draft: Slack a modal, Teams inputs on the card, the
   * terminal a prompt per field); the typed values reach the verb as `values[key]`
   */
  form?: ActionForm;
}

export interface FormField {
  key: string;
  label: string;
  /** the current value, shown for editing */
  value?: string;
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
}

export interface ActionForm {
  /** the modal's title (Slack: 24 characters) */
  title: string;
  submit: string;
  fields: FormField[];
  /** instead of the fields: why the form cannot be filled now (no longer a draft, too long) */
  notice?: string;
}

/**
 * Who may press a card's buttons when that is not everyone who sees the card (an approval request
 * in a channel: the people whose role may decide it, never the requester). Platforms that can show
 * each person their own copy (Teams: `refresh` with userIds) show the buttons to these people only
 * and `waiting` to everyone else; the others show the buttons to all and the verb refuses the rest.
 * Either way the verb, not the card, is the guard.
 */
export interface Audience {
  /** people.id of those who may act, most relevant first (a platform may list only so many) */
  people: number[];
  /** what the others read where the buttons would be: "Waiting for a manager's decision" */
  waiting: Rich;
  /** signed reference to rebuild this card for one viewer (cards/action-ids.ts encodeCardRef) */
  ref: string;
}

export type CardKind =
  | 'help'
  | 'info'
  | 'error'
  | 'contract'
  | 'contracts'
  | 'job'
  | 'jobs'
  | 'alert'
  | 'approval'
  | 'time'
  | 'invoice'
  | 'usage'
  | 'checklist'
  | 'report'
  | 'message'
  | 'digest'
  | 'renewal'
  | 'audit'
  | 'home';

export interface Card {
  kind: CardKind;
  title: string;
  subtitle?: Rich;
  tone?: 'info' | 'good' | 'warning' | 'danger';
  blocks: Block[];
  actions?: CardAction[];
  /** set when the actions are for some people only */
  audience?: Audience;
  /** small print at the bottom: who acted, rule references */
  context?: Rich[];
  /** who sees the reply: only the caller, or the channel */
  visibility: 'ephemeral' | 'channel';
  /** zone for rendering times where the platform cannot localize (terminal, e-mail) */
  zone?: string;
  /** a link to the full thing when a renderer must truncate */
  moreUrl?: string;
}

export function card(kind: CardKind, title: string, init: Partial<Omit<Card, 'kind' | 'title'>> = {}): Card {
  return { kind, title, blocks: [], visibility: 'ephemeral', ...init };
}

export function plain(r: Rich): string {
  if (typeof r === 'string') return r;
  return r
    .map((s) => {
      if (typeof s === 'string') return s;
      if ('bold' in s) return s.bold;
      if ('code' in s) return s.code;
      if ('link' in s) return s.text;
      return s.time.toISOString();
    })
    .join('');
}
