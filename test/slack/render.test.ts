import { describe, expect, it } from 'vitest';
import { decodeAction } from '../../cards/action-ids.js';
import { card } from '../../cards/card.js';
import { ALL_CARD_KINDS, exampleCards, HOSTILE } from '../../cards/examples.js';
import { formatInstant } from '../../cards/time.js';
import { clipMrkdwn, escapeMrkdwn, mrkdwn, parseSlackActionId, renderSlack, renderSlackMany, SLACK_LIMITS } from '../../cards/slack.js';
import { blockKitProblems, mrkdwnProblems } from './block-kit.js';

const SECRET = 'examples-secret';

function allText(blocks: unknown): string {
  return JSON.stringify(blocks);
}

/** Every mrkdwn string in a block tree: the only place Slack turns <@U…> into a mention. */
function mrkdwnTexts(x: unknown): string[] {
  if (Array.isArray(x)) return x.flatMap(mrkdwnTexts);
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}

describe('Block Kit renderer', () => {
  const examples = exampleCards(SECRET);

  it('has an example of every card kind', () => {
    expect(new Set(examples.map((c) => c.kind))).toEqual(new Set(ALL_CARD_KINDS));
  });

  it.each(examples.map((c, i) => [`${i} ${c.kind}: ${c.title.slice(0, 30)}`, c] as const))('renders %s within every Slack limit', (_name, c) => {
    const m = renderSlack(c);
    expect(blockKitProblems(m.blocks)).toEqual([]);
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(mrkdwnProblems(m.text, 'text')).toEqual([]);
    // A mention or a broadcast typed by a user must never become a real one.
    const md = [m.text, ...mrkdwnTexts(m.blocks)].join('\n');
    expect(md).not.toContain('<@U0123ABC>');
    expect(md).not.toContain('<!channel>');
    expect(md).not.toContain('<!here>');
    // Views allow 100 blocks: the same card still fits.
    expect(blockKitProblems(renderSlack(c, { maxBlocks: 100 }).blocks, { surface: 'home' })).toEqual([]);
  });

  it('escapes & < > in user strings and keeps Slack tokens it wrote', () => {
    expect(escapeMrkdwn('a & <b> &amp;')).toBe('a &amp; &lt;b&gt; &amp;amp;');
    const s = mrkdwn(['x<y ', { bold: 'A&B' }, ' ', { code: 'a`b<' }, ' ', { link: 'https://e.example/?a=1&b=2|x', text: '<click>' }]);
    expect(s).toBe('x&lt;y *A&amp;B* `a\'b&lt;` <https://e.example/?a=1&amp;b=2%7Cx|&lt;click&gt;>');
    expect(mrkdwnProblems(s, 's')).toEqual([]);
  });

  it('shows instants with <!date^…> and a fallback in the card zone', () => {
    const at = new Date('2026-11-24T10:00:00Z');
    expect(mrkdwn([{ time: at }], 'Europe/Berlin')).toBe(`<!date^1795514400^{date_short_pretty} {time}|${formatInstant(at, 'Europe/Berlin')}>`);
    expect(mrkdwn([{ time: at, style: 'time' }])).toBe('<!date^1795514400^{time}|10:00 UTC>');
    expect(mrkdwn([{ time: at, style: 'date' }])).toBe('<!date^1795514400^{date_short_pretty}|Tue 24 Nov 2026>');
  });

  it('cuts a long body, keeps the buttons, and links to the full thing', () => {
    const c = card('digest', 'Digest', {
      blocks: Array.from({ length: 80 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` })),
      actions: [{ id: 'a1.x.y', label: 'Open' }],
      moreUrl: 'https://bot.example.com/kpi',
    });
    const m = renderSlack(c);
    expect(m.blocks).toHaveLength(50);
    expect(m.blocks.at(-1)?.type).toBe('actions');
    expect(allText(m.blocks)).toContain('<https://bot.example.com/kpi|See everything>');
  });

  it('never cuts inside an entity, a token or a code fence', () => {
    const s = '```\n' + '&amp;'.repeat(1000) + '\n```';
    const cut = clipMrkdwn(s, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(mrkdwnProblems(cut, 'cut')).toEqual([]);
    expect(cut.split('```').length % 2).toBe(1);
    const dates = mrkdwn(Array.from({ length: 100 }, () => ({ time: new Date(0) })));
    expect(mrkdwnProblems(clipMrkdwn(dates, 300), 'dates')).toEqual([]);
  });

  it('splits 30 buttons over two actions blocks with unique ids, and turns choices into a select', () => {
    const alert = examples.find((c) => c.kind === 'alert')!;
    const m = renderSlack(alert);
    const actions = m.blocks.filter((b) => b.type === 'actions');
    expect(actions.length).toBeGreaterThan(1);
    const els = actions.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    // 120 choices do not fit a select (100 options): they become buttons, all within limits.
    expect(els.length).toBeGreaterThan(30);
    for (const e of els) if ('value' in e && e.value) expect(decodeAction(e.value, SECRET)).not.toBeNull();
  });

  it('uses a select menu for a short list of choices', () => {
    const c = card('alert', 'A', { actions: [{ id: 'a1.x.y', label: 'Reassign to', choices: [{ label: 'Tom', id: 'a1.t.z' }, { label: 'Tess', id: 'a1.s.z' }] }] });
    const [el] = renderSlack(c).blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(el).toMatchObject({ type: 'static_select', placeholder: { text: 'Reassign to' }, options: [{ value: 'a1.t.z' }, { value: 'a1.s.z' }] });
    expect(parseSlackActionId((el as { action_id: string }).action_id)).toEqual({ kind: 'select' });
  });

  it('marks buttons that need a reason so the click handler opens a modal', () => {
    const c = card('approval', 'A', { actions: [{ id: 'a1.x.y', label: 'Reject', reason: { label: `Why? ${HOSTILE}`, required: true } }] });
    const [el] = renderSlack(c).blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    const meta = parseSlackActionId((el as { action_id: string }).action_id);
    expect(meta).toMatchObject({ kind: 'reason', required: true, title: 'Reject' });
    expect(parseSlackActionId('someone.else')).toBeNull();
  });

  it('keeps action ids unique when several cards share a message', () => {
    const two = examples.filter((c) => c.kind === 'approval' || c.kind === 'message');
    const m = renderSlackMany(two);
    expect(blockKitProblems(m.blocks)).toEqual([]);
  });
});
