/**
 * Example cards of every kind, with the strings that break renderers: markup characters, mentions,
 * very long text, too many fields, rows, buttons and choices. Each platform renderer's test renders
 * all of them and checks its platform's limits. Built from the real builders where they exist, so
 * a builder change shows up here; hand-made where a builder has not landed yet.
 */
import { encodeAction, encodeCardRef, type Action } from './action-ids.js';
import { contractListCard } from './build/contract.js';
import { errorCard, infoCard, unexpectedCard, usageCard } from './build/error.js';
import { card, type Card, type CardAction, type CardKind, type Field, type Rich } from './card.js';

/** Markup every platform must show as text: mrkdwn, HTML, Slack control sequences, Markdown. */
export const HOSTILE = `<b>bold?</b> & <@U0123ABC> <!channel> <!here> *star* _under_ ~strike~ \`tick\` [link](https://evil.example) &amp; &lt;`;

export const LONG = `${HOSTILE} ${'The compressor on roof unit 3 trips after ten minutes; belt replaced, still trips. '.repeat(60)}`;

const AT = new Date('2026-11-24T10:00:00Z');

function many<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

export function exampleCards(secret = 'examples-secret'): Card[] {
  const id = (a: Action) => encodeAction(a, secret);
  const act = (label: string, a: Action, extra: Partial<CardAction> = {}): CardAction => ({ id: id(a), label, ...extra });
  const hostileFields: Field[] = many(14, (i) => ({ label: `Field ${i} ${HOSTILE}`.slice(0, 80), value: i === 3 ? LONG : [{ bold: `v${i}` }, ' ', HOSTILE] }));
  const timeRich: Rich = ['due ', { time: AT }, ', at risk ', { time: AT, style: 'time' }, ' on ', { time: AT, style: 'date' }];

  const out: Card[] = [];
  const add = (kind: CardKind, c: Card) => {
    if (c.kind !== kind) throw new Error(`example for ${kind} has kind ${c.kind}`);
    out.push(c);
  };

  add(
    'help',
    card('help', 'Commands', {
      blocks: [{ type: 'table', columns: ['Command', 'What it does', 'Example'], rows: many(40, (i) => [`/cmd${i}`, `${HOSTILE} ${i}`, [{ code: `/cmd${i} ${HOSTILE}` }]]) }],
      context: ['Ids are case-insensitive. Quote text with spaces: "belt replaced".'],
    }),
  );
  add('info', infoCard(`Info ${HOSTILE}`, LONG));
  add('error', errorCard('forbidden', `Not for you ${HOSTILE}`, many(30, (i) => `detail ${i} ${HOSTILE}`)));
  add('error', usageCard(`Usage ${HOSTILE}`, ['/job new <contract> <site> <priority> "<summary>"', `/x ${HOSTILE}`]));
  add('error', unexpectedCard('deadbeef'));
  add(
    'contract',
    card('contract', `ACME-HVAC: ${'Very Long Customer Name & Sons <Holdings> '.repeat(6)}`, {
      blocks: [
        { type: 'fields', fields: hostileFields },
        { type: 'table', columns: ['Code', 'Name', 'Unit', 'Price', 'Terms'], align: ['left', 'left', 'left', 'right', 'left'], rows: many(120, (i) => [`R${i}`, `Rate ${HOSTILE}`, 'hour', `${i}.00`, LONG]) },
        { type: 'text', text: [{ bold: 'Modifiers' }, ' ', LONG] },
      ],
      context: [`Fallbacks: reassign, escalate ${HOSTILE}`],
      moreUrl: 'https://bot.example.com/contracts/ACME-HVAC?x=1&y=<2>',
    }),
  );
  add('contracts', contractListCard(many(80, (i) => ({ id: `C-${i}`, customerName: `Customer ${HOSTILE}`, team: 'north', currentVersion: 1, currency: 'EUR', fee: 123456, end: '2027-12-31' }))));
  add('problems', card('problems', 'Contract has problems', { tone: 'danger', blocks: [{ type: 'list', items: many(200, (i) => `line ${i}: ${HOSTILE}`) }] }));
  add(
    'job',
    card('job', `J-1001 ${HOSTILE}`, {
      subtitle: timeRich,
      blocks: [
        { type: 'fields', fields: [{ label: 'Due', value: timeRich }, { label: 'Site', value: HOSTILE }] },
        { type: 'text', text: LONG },
      ],
      actions: [
        act('Start travel', { t: 'status', job: 1, to: 'travelling' }, { style: 'primary' }),
        act('Put on hold', { t: 'status', job: 1, to: 'on_hold' }, { reason: { label: `Why on hold? ${HOSTILE}`, required: true } }),
        act(`${'A very long button label '.repeat(6)}`, { t: 'status', job: 1, to: 'done' }),
      ],
      visibility: 'channel',
    }),
  );
  add('jobs', card('jobs', 'Open jobs', { blocks: [{ type: 'table', columns: ['Job', 'Summary', 'Due'], rows: many(150, (i) => [`J-${1000 + i}`, HOSTILE, [{ time: AT }]]) }] }));
  add(
    'alert',
    card('alert', 'Breach risk: J-1001 response due', {
      tone: 'danger',
      blocks: [{ type: 'text', text: timeRich }],
      actions: [
        act('Reassign', { t: 'alert', alert: 1, act: 'reassign' }, { choices: many(120, (i) => ({ label: `Technician ${i} ${HOSTILE}`, id: id({ t: 'alert', alert: 1, act: 'reassign', person: i }) })) }),
        act('Escalate', { t: 'alert', alert: 1, act: 'escalate' }, { style: 'danger', reason: { label: 'Note for the manager', required: false } }),
        ...many(30, (i) => act(`Ack ${i}`, { t: 'alert', alert: i, act: 'acknowledge' })),
      ],
      visibility: 'channel',
    }),
  );
  add(
    'approval',
    card('approval', 'Approval needed: out-of-scope work', {
      tone: 'warning',
      blocks: [{ type: 'fields', fields: [{ label: 'Requested by', value: HOSTILE }, { label: 'Amount', value: 'EUR 1,234.56' }] }],
      actions: [
        act('Approve', { t: 'decide', approval: 1, approve: true }, { style: 'primary' }),
        act('Reject', { t: 'decide', approval: 1, approve: false }, { style: 'danger', reason: { label: 'Why reject?', required: true } }),
      ],
      // More deciders than Teams refreshes for (60).
      audience: { people: many(80, (i) => i + 1), waiting: ['Waiting for ', { bold: `a manager ${HOSTILE}` }, "'s decision"], ref: encodeCardRef({ kind: 'approval', id: '1' }, secret) },
      visibility: 'channel',
    }),
  );
  add('time', card('time', 'Timer running', { blocks: [{ type: 'text', text: ['Started ', { time: AT, style: 'time' }, ' on J-1001 ', HOSTILE] }] }));
  add(
    'invoice',
    card('invoice', 'Invoice draft INV-2026-11', {
      blocks: [{ type: 'table', columns: ['Line', 'Qty', 'Amount', 'Rule'], align: ['left', 'right', 'right', 'left'], rows: many(300, (i) => [`Labour ${HOSTILE}`, '1.5', '120.00', `rates.R${i}`]) }],
      moreUrl: 'https://bot.example.com/invoices/1',
    }),
  );
  add('usage', card('usage', 'Usage this month', { blocks: [{ type: 'fields', fields: many(25, (i) => ({ label: `Site ${i}`, value: `${i} visits of 4` })) }] }));
  add(
    'checklist',
    card('checklist', 'Checklist PM-ROOF', {
      blocks: [{ type: 'list', items: many(30, (i) => [{ bold: `${i}.` }, ` ${HOSTILE}`]) }],
      actions: many(60, (i) => act(`Tick ${i}`, { t: 'tick', job: 1, code: 'PM-ROOF', step: i })),
    }),
  );
  add('report', card('report', 'Closing report J-1001', { blocks: [{ type: 'text', text: LONG }, { type: 'image', alt: `chart ${HOSTILE}`, path: '/tmp/chart.png' }, { type: 'image', alt: 'by url', url: 'https://bot.example.com/c.png' }, { type: 'divider' }] }));
  add(
    'message',
    card('message', 'Draft to the customer', {
      blocks: [{ type: 'text', text: LONG }],
      actions: [
        act('Send', { t: 'msg', message: 1, act: 'send' }, { style: 'primary' }),
        act('Discard', { t: 'msg', message: 1, act: 'discard' }),
        act('Edit', { t: 'msg', message: 1, act: 'edit' }, { form: { title: `Edit ${HOSTILE}`, submit: 'Save', fields: [{ key: 'subject', label: `Subject ${HOSTILE}`, value: HOSTILE, required: true, maxLength: 200 }, { key: 'body', label: 'Message', value: LONG.slice(0, 4000), multiline: true, required: true, maxLength: 4000 }] } }),
      ],
    }),
  );
  add('digest', card('digest', 'Weekly KPI digest', { blocks: many(70, (i) => ({ type: 'text' as const, text: `KPI ${i}: ${HOSTILE}` })), context: many(15, (i) => `note ${i}`), moreUrl: 'https://bot.example.com/kpi' }));
  add('renewal', card('renewal', 'Renewal pack ACME-HVAC', { blocks: [{ type: 'fields', fields: [{ label: 'Ends', value: [{ time: AT, style: 'date' }] }, { label: 'Notice', value: '90 days' }] }, { type: 'text', text: [{ link: 'https://bot.example.com/r?a=1&b=|2>', text: `pack ${HOSTILE}` }] }] }));
  add('audit', card('audit', 'Audit log', { blocks: [{ type: 'table', columns: ['When', 'Who', 'What'], rows: many(100, () => [[{ time: AT }], HOSTILE, LONG.slice(0, 300)]) }] }));
  add(
    'home',
    card('home', 'Your work', {
      blocks: [{ type: 'text', text: [{ bold: 'Open jobs' }] }, { type: 'list', items: many(20, (i) => `J-${i} ${HOSTILE}`) }],
      actions: [act('Approve', { t: 'decide', approval: 2, approve: true }, { style: 'primary' })],
    }),
  );
  return out;
}

/** Every CardKind; `satisfies` makes a new kind a compile error here until an example exists. */
const KINDS = {
  help: 1,
  info: 1,
  error: 1,
  contract: 1,
  contracts: 1,
  problems: 1,
  job: 1,
  jobs: 1,
  alert: 1,
  approval: 1,
  time: 1,
  invoice: 1,
  usage: 1,
  checklist: 1,
  report: 1,
  message: 1,
  digest: 1,
  renewal: 1,
  audit: 1,
  home: 1,
} satisfies Record<CardKind, 1>;

export const ALL_CARD_KINDS = Object.keys(KINDS) as CardKind[];
