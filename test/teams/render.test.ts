import { createRouter } from '../../commands/router.js';
import type { Ctx } from '../../src/context.js';
import { describe, expect, it } from 'vitest';
import { decodeAction, decodeCardRef, encodeAction, encodeCardRef } from '../../cards/action-ids.js';
import { card } from '../../cards/card.js';
import { ALL_CARD_KINDS, exampleCards, HOSTILE } from '../../cards/examples.js';
import { escapeMarkdown, markdown, readActionData, readRefreshData, REFRESH_VERB, renderTeams, TEAMS_LIMITS } from '../../cards/teams.js';
import { renderText } from '../../cards/text.js';
import { adaptiveCardProblems, allActions, markdownStrings } from './adaptive-cards.js';

const SECRET = 'examples-secret';

/** What a CommonMark renderer shows for escaped text: the backslash before punctuation goes. */
function unescape(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Markdown characters left unescaped, outside what the renderer wrote on purpose. */
function rawSpecials(md: string): string[] {
  const stripped = md
    .replace(/\{\{(DATE|TIME)\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ(, SHORT)?\)\}\}/g, '')
    .replace(/\\[!-/:-@[-`{-~]/g, '')
    .replace(/\*\*/g, '')
    .replace(/\[((?:\\.|[^\\\]])*)\]\(https?:[^\s()<>]+\)/g, '$1')
    .replace(/^- /gm, '')
    .replace(/\r- /g, '');
  return stripped.match(/[*_[\]<>&`~]/g) ?? [];
}

describe('Adaptive Card renderer', () => {
  const examples = exampleCards(SECRET);

  it('has an example of every card kind', () => {
    expect(new Set(examples.map((c) => c.kind))).toEqual(new Set(ALL_CARD_KINDS));
  });

  it.each(examples.map((c, i) => [`${i} ${c.kind}: ${c.title.slice(0, 30)}`, c] as const))('renders %s as a valid Adaptive Card 1.5 within Teams limits', (_name, c) => {
    const ac = renderTeams(c, { fileUrl: (p) => `https://bot.example.com/files/${encodeURIComponent(p)}` });
    expect(ac.version).toBe('1.5');
    expect(adaptiveCardProblems(ac)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(ac))).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    // User strings never become formatting, links, mentions or entities.
    for (const { path, text } of markdownStrings(ac)) expect(rawSpecials(text), path).toEqual([]);
    // Every button carries a signed id that still decodes, and a Submit fallback with the same data.
    for (const a of allActions(ac)) {
      if (a.type === 'Action.Execute' && a.verb === REFRESH_VERB) {
        expect(decodeCardRef(readRefreshData(a.data)!, SECRET)).not.toBeNull();
      } else if (a.type === 'Action.Execute') {
        const data = a.data as { action: string };
        expect(decodeAction(data.action, SECRET), JSON.stringify(a)).not.toBeNull();
        expect(a.verb).toBe(decodeAction(data.action, SECRET)!.t);
        expect(a.fallback).toMatchObject({ type: 'Action.Submit', data });
      }
    }
  });

  it('escapes Markdown so a user string reads back exactly', () => {
    expect(unescape(escapeMarkdown(HOSTILE))).toBe(HOSTILE);
    expect(rawSpecials(escapeMarkdown(HOSTILE))).toEqual([]);
    expect(escapeMarkdown('- not a list\n1. nor this\n# nor a heading')).toBe('\\- not a list\n1\\. nor this\n\\# nor a heading');
    // A user typing a date function sees it as text, not as a date.
    expect(escapeMarkdown('{{DATE(2026-01-01T00:00:00Z)}}')).not.toMatch(/\{\{DATE/);
  });

  it('writes bold, links and localized times, and refuses links that are not web or mail', () => {
    const at = new Date('2026-11-24T10:00:00.000Z');
    expect(markdown(['due ', { time: at }, ' (', { time: at, style: 'time' }, ' on ', { time: at, style: 'date' }, ')'])).toBe(
      'due {{DATE(2026-11-24T10:00:00Z, SHORT)}} {{TIME(2026-11-24T10:00:00Z)}} \\({{TIME(2026-11-24T10:00:00Z)}} on {{DATE(2026-11-24T10:00:00Z, SHORT)}}\\)',
    );
    expect(markdown([{ bold: ' A*B ' }])).toBe(' **A\\*B** ');
    expect(markdown([{ link: 'https://e.example/a b(c)', text: '[x]' }])).toBe('[\\[x\\]](https://e.example/a%20b%28c%29)');
    expect(markdown([{ link: 'javascript:alert(1)', text: 'click' }])).toBe('click');
  });

  it('puts fields in a FactSet, tables in aligned rows whose cells wrap, and images by URL', () => {
    const c = card('job', 'J-1', {
      blocks: [
        { type: 'fields', fields: [{ label: 'Site', value: 'PAR-HQ' }] },
        { type: 'table', columns: ['Job', 'Amount'], align: ['left', 'right'], rows: [['J-1', '12.00'], ['J-2', '']] },
        { type: 'image', alt: 'chart', path: '/data/chart.png' },
      ],
    });
    const ac = renderTeams(c, { fileUrl: () => 'https://bot.example.com/f/1' });
    expect(ac.body[1]).toMatchObject({ type: 'FactSet', facts: [{ title: 'Site', value: 'PAR-HQ' }] });
    // One ColumnSet per row (header first), the same widths in each, every cell wrapping.
    type Row = { type: string; columns: { width: unknown; items: { text: string; wrap?: boolean; horizontalAlignment?: string }[] }[] };
    const rows = ac.body.slice(2, 5) as Row[];
    expect(rows.map((r) => r.type)).toEqual(['ColumnSet', 'ColumnSet', 'ColumnSet']);
    expect(rows.map((r) => r.columns.map((c) => c.items[0]!.text))).toEqual([['Job', 'Amount'], ['J-1', '12\\.00'], ['J-2', '–']]);
    expect(new Set(rows.map((r) => JSON.stringify(r.columns.map((c) => c.width)))).size).toBe(1);
    expect(rows.flatMap((r) => r.columns.map((c) => c.items[0]!.wrap))).toEqual(Array(6).fill(true));
    expect(rows.every((r) => r.columns[1]!.items[0]!.horizontalAlignment === 'Right')).toBe(true);
    expect(ac.body[5]).toMatchObject({ type: 'Image', url: 'https://bot.example.com/f/1', altText: 'chart' });
    // Without a URL for the file, the alt text stands in.
    expect(JSON.stringify(renderTeams(c).body[5])).toContain('chart (image not shown in Teams)');
    // A personal file (an export) is a download link, or says where it is without PUBLIC_URL.
    const exp = card('info', 'Your data export', { blocks: [{ type: 'file', name: 'person-7.json', path: '/data/exports/person-7.json', personal: true }] });
    expect(renderTeams(exp, { fileUrl: () => 'https://bot.example.com/f/2' }).body[1]).toMatchObject({ type: 'TextBlock', text: '[person-7.json](https://bot.example.com/f/2) (the link works for 7 days)' });
    expect(JSON.stringify(renderTeams(exp).body[1])).toContain('not attached in Teams: the bot has no PUBLIC_URL to serve it from');
  });

  it('an unknown command with nothing close ends with its message, not a stray "–"', async () => {
    const router = createRouter([]);
    const [c] = await router.dispatch({} as Ctx, 'zzzqqq');
    const ac = renderTeams(c!);
    expect(JSON.stringify(ac)).toContain('Unknown command /zzzqqq.');
    expect(JSON.stringify(ac.body)).not.toContain('"–"');
  });

  it('asks for a reason in a ShowCard and reads it back with the action id', () => {
    const id = encodeAction({ t: 'decide', approval: 7, approve: false }, SECRET);
    const ac = renderTeams(card('approval', 'A', { actions: [{ id, label: 'Reject', style: 'danger', reason: { label: 'Why?', required: true } }] }));
    const show = ac.actions![0] as { type: string; card: { body: { id: string; isRequired: boolean }[]; actions: { type: string; verb: string; style: string; data: unknown }[] } };
    expect(show.type).toBe('Action.ShowCard');
    expect(show.card.body[0]).toMatchObject({ type: 'Input.Text', isRequired: true, label: 'Why?' });
    expect(show.card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'decide', style: 'destructive', data: { action: id } });
    const inputId = show.card.body[0]!.id;
    expect(readActionData({ action: id, [inputId]: '  over budget  ' })).toEqual({ actionId: id, reason: 'over budget' });
    expect(readActionData({ action: id, [inputId]: '' })).toEqual({ actionId: id });
    expect(readActionData({ nope: 1 })).toBeNull();
  });

  it('offers a few choices as buttons and many as a drop-down whose pick is the action', () => {
    const choice = (n: number) => ({ label: `Tech ${n}`, id: encodeAction({ t: 'alert', alert: 1, act: 'reassign', person: n }, SECRET) });
    const base = encodeAction({ t: 'alert', alert: 1, act: 'reassign' }, SECRET);
    const few = renderTeams(card('alert', 'A', { actions: [{ id: base, label: 'Reassign', choices: [choice(1), choice(2)] }] }));
    const buttons = allActions(few).filter((a) => a.type === 'Action.Execute');
    expect(buttons.map((b) => b.title)).toEqual(['Tech 1', 'Tech 2']);
    const many = renderTeams(card('alert', 'A', { actions: [{ id: base, label: 'Reassign', choices: Array.from({ length: 10 }, (_, i) => choice(i)) }] }));
    const set = JSON.parse(JSON.stringify(many.actions![0])).card.body[0];
    expect(set).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
    expect(readActionData({ action: base, [set.id]: choice(3).id })).toEqual({ actionId: choice(3).id });
  });

  it('keeps five buttons in a row and moves the rest behind "More actions"', () => {
    const acts = Array.from({ length: 9 }, (_, i) => ({ id: encodeAction({ t: 'alert', alert: i, act: 'acknowledge' }, SECRET), label: `Ack ${i}` }));
    const ac = renderTeams(card('alert', 'A', { actions: acts }));
    expect(ac.actions).toHaveLength(5);
    expect(ac.actions![4]).toMatchObject({ type: 'Action.ShowCard', title: 'More actions' });
    expect(allActions(ac).filter((a) => a.type === 'Action.Execute')).toHaveLength(9);
    expect(adaptiveCardProblems(ac)).toEqual([]);
  });

  it('cuts a long body before the buttons and links to the full thing', () => {
    const c = card('digest', 'Digest', {
      blocks: Array.from({ length: 200 }, (_, i) => ({ type: 'text' as const, text: `line ${i} ${'x'.repeat(200)}` })),
      actions: [{ id: encodeAction({ t: 'msg', message: 1, act: 'send' }, SECRET), label: 'Send' }],
      moreUrl: 'https://bot.example.com/kpi',
    });
    const ac = renderTeams(c);
    expect(Buffer.byteLength(JSON.stringify(ac))).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(ac.actions).toHaveLength(1);
    expect(JSON.stringify(ac.body)).toContain('[See everything](https://bot.example.com/kpi)');
  });

  describe('a card whose buttons are for some people only', () => {
    const ref = encodeCardRef({ kind: 'approval', id: '7' }, SECRET);
    const decide = (approve: boolean) => ({ id: encodeAction({ t: 'decide', approval: 7, approve }, SECRET), label: approve ? 'Approve' : 'Reject' });
    const c = card('approval', 'Approval needed', {
      blocks: [{ type: 'text', text: 'EUR 50.00' }],
      actions: [decide(true), decide(false)],
      audience: { people: [1, 2], waiting: ['Waiting for ', { bold: 'a manager' }, "'s decision"], ref },
      context: ['approvals.goodwill: approvers manager'],
      visibility: 'channel',
    });
    const pressable = (ac: unknown) => allActions({ ...(ac as object), refresh: undefined }).map((a) => a.title);

    it("is everyone's copy by default: no buttons, the waiting line, a refresh naming the card", () => {
      const ac = renderTeams(c, { audience: { canAct: false, userIds: ['29:max', '29:lee'] } });
      expect(adaptiveCardProblems(ac)).toEqual([]);
      expect(pressable(ac)).toEqual([]);
      expect(JSON.stringify(ac.body)).toContain("Waiting for **a manager**'s decision");
      expect(ac.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'refresh', data: { refresh: ref } }, userIds: ['29:max', '29:lee'] });
    });

    it('with no decider known to Teams, everyone\'s copy carries the buttons and never an empty userIds', () => {
      for (const ac of [renderTeams(c), renderTeams(c, { audience: { canAct: false, userIds: [] } })]) {
        expect(adaptiveCardProblems(ac)).toEqual([]);
        // An empty userIds turns automatic refresh off: managers would never get their buttons.
        expect(ac.refresh).toBeDefined();
        expect(ac.refresh).not.toHaveProperty('userIds');
        // So the buttons are on the card for everyone, and decide() refuses whoever may not decide.
        expect(pressable(ac)).toEqual(['Approve', 'Reject']);
        expect(JSON.stringify(ac.body)).toContain("Waiting for **a manager**'s decision");
      }
    });

    it("a decider's copy has the buttons and keeps the refresh", () => {
      const ac = renderTeams(c, { audience: { canAct: true, userIds: ['29:max'] } });
      expect(adaptiveCardProblems(ac)).toEqual([]);
      expect(pressable(ac)).toEqual(['Approve', 'Reject']);
      expect(JSON.stringify(ac.body)).not.toContain('Waiting for');
      expect(ac.refresh?.userIds).toEqual(['29:max']);
    });

    it('lists at most 60 users for automatic refresh, as Teams allows', () => {
      const ids = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
      expect(renderTeams(c, { audience: { canAct: false, userIds: ids } }).refresh?.userIds).toEqual(ids.slice(0, 60));
    });

    it('the terminal (like Slack) still shows the buttons: the verb refuses whoever may not decide', () => {
      expect(renderText(c, { zone: 'UTC' })).toMatch(/Approve/);
    });

    it('reads back only a refresh reference', () => {
      expect(readRefreshData({ refresh: ref })).toBe(ref);
      expect(readRefreshData({ action: ref })).toBeNull();
      expect(decodeCardRef(ref, 'another-secret')).toBeNull();
      // An action id is not a card reference, even with the right key.
      expect(decodeCardRef(decide(true).id, SECRET)).toBeNull();
    });
  });
});
