/**
 * The fake Slack checks views.open and views.update as the real API does, so a modal the bot
 * builds wrong fails here rather than in a workspace: trigger_id required and used once, a modal
 * with inputs needs a submit, input lengths, and views.update needs a known view and its hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from './fake-slack.js';

const TOKEN = 'xoxb-fake-views';
let fake: FakeSlack;
beforeAll(async () => {
  fake = new FakeSlack({ botToken: TOKEN, appToken: 'xapp-x', users: [] });
  await fake.start();
});
afterAll(async () => fake?.close());

async function call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${fake.url}${method}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  return (await res.json()) as Record<string, unknown>;
}

const input = (element: Record<string, unknown>) => ({ type: 'input', block_id: 'f.body', label: { type: 'plain_text', text: 'Message' }, element: { type: 'plain_text_input', action_id: 'v.body', ...element } });
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'modal', callback_id: 'co_form', title: { type: 'plain_text', text: 'Edit' }, submit: { type: 'plain_text', text: 'Save' }, blocks, ...extra });

describe('fake Slack views', () => {
  it('views.open needs a trigger id it gave out, once', async () => {
    expect(await call('views.open', { view: modal([input({})]) })).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(await call('views.open', { trigger_id: 'made-up', view: modal([input({})]) })).toMatchObject({ ok: false, error: 'invalid_trigger_id' });
    const trigger = fake.triggerId();
    expect(await call('views.open', { trigger_id: trigger, view: modal([input({})]) })).toMatchObject({ ok: true, view: { id: expect.any(String), hash: expect.any(String) } });
    expect(await call('views.open', { trigger_id: trigger, view: modal([input({})]) })).toMatchObject({ ok: false, error: 'invalid_trigger_id' });
  });

  it('refuses a modal with inputs and no submit, and input values past their limits', async () => {
    const bad = [
      modal([input({})], { submit: undefined }),
      modal([input({ max_length: 4000 })]),
      modal([input({ max_length: 10, initial_value: 'eleven chars' })]),
      modal([input({ initial_value: 'x'.repeat(3001) })]),
      modal([input({ multiline: 'yes' })]),
      { ...modal([input({})]), title: { type: 'plain_text', text: 'A title longer than twenty-four' } },
    ];
    for (const view of bad) {
      const r = await call('views.open', { trigger_id: fake.triggerId(), view });
      expect(r, JSON.stringify(view).slice(0, 200)).toMatchObject({ ok: false, error: 'invalid_arguments' });
    }
  });

  it('views.update needs a view it opened, and its latest hash when one is given', async () => {
    const opened = (await call('views.open', { trigger_id: fake.triggerId(), view: modal([input({})]) })).view as { id: string; hash: string };
    expect(await call('views.update', { view: modal([input({})]) })).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(await call('views.update', { view_id: 'V404', view: modal([input({})]) })).toMatchObject({ ok: false, error: 'not_found' });
    const first = await call('views.update', { view_id: opened.id, hash: opened.hash, view: modal([input({ initial_value: 'hello' })]) });
    expect(first).toMatchObject({ ok: true });
    expect(await call('views.update', { view_id: opened.id, hash: opened.hash, view: modal([input({})]) })).toMatchObject({ ok: false, error: 'hash_conflict' });
    expect(await call('views.update', { view_id: opened.id, view: modal([input({ max_length: 0 })]) })).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });
});
