/**
 * The Slack path of every chat command under random text: signed slash commands through the real
 * receiver, with the text encoded the way Slack sends it (&amp; &lt; &gt; for typed characters,
 * <@U…|name>, <#C…|name>, <https://…|…> and <!channel> for what Slack turns into markup). The
 * router fuzz (commands.test.ts) covers the parsers themselves; this adds Slack's own layer (entity
 * decoding, mention linking, the person look-up, ephemeral or channel replies): every command is
 * acked, answered, never with "Something went wrong", and every reply is Block Kit Slack accepts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackHarness, uid, type SlackHarness } from '../slack/harness.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { DOMAIN, fuzzParams, HOSTILE, vocabulary } from './support.js';

let h: SlackHarness;

beforeAll(async () => {
  h = await slackHarness();
  await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P2 Chiller tripping');
});
afterAll(async () => h?.close());

/** What Slack does to typed text before sending it. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Markup Slack itself puts in a command's text. */
const SLACK_MARKUP = [`<@${uid('tom')}|tom>`, `<@${uid('tom')}>`, '<@U0NOBODY|ghost>', '<#C0DISPATCH|dispatch>', '<https://evil.example|click me>', '<!channel>', '<!here>', '<mailto:x@evil.example|x>'];

describe('Slack slash commands under random text', () => {
  it('are acked and answered with valid Block Kit, never an unexpected error', async () => {
    const commands = h.kit.app.router.commands.filter((c) => !c.terminalOnly);
    const word = (name: string, usage: string[]) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(name, ...vocabulary(usage)) },
        { weight: 3, arbitrary: fc.constantFrom(...DOMAIN).map(slackEscape) },
        { weight: 2, arbitrary: fc.constantFrom(...HOSTILE).map(slackEscape) },
        { weight: 2, arbitrary: fc.constantFrom(...SLACK_MARKUP) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(slackEscape) },
      );
    const line = fc.nat(commands.length - 1).chain((i) => fc.tuple(fc.constant(commands[i]!.name), fc.array(word(commands[i]!.name, commands[i]!.usage), { maxLength: 7 })));
    await fc.assert(
      fc.asyncProperty(line, async ([name, words]) => {
        const text = words.join(' ');
        const where = `/${name} ${text}`;
        const posted = h.fake.callsTo('chat.postMessage').length;
        const { res, responseUrl } = await h.command(uid('dana'), `/${name}`, text);
        expect(res.status, where).toBe(200);
        await h.slack.idle();
        const replies = [...h.responses(responseUrl), ...h.fake.callsTo('chat.postMessage').slice(posted)];
        expect(replies.length, `${where} answered nothing`).toBeGreaterThan(0);
        for (const r of replies) {
          expect(r.result.ok, `${where}: Slack refused the reply ${JSON.stringify(r.result)}`).toBe(true);
          expect(blockKitProblems(r.args.blocks), where).toEqual([]);
          expect(JSON.stringify(r.args), `${where} hit an unexpected error`).not.toContain('Something went wrong');
        }
      }),
      fuzzParams(40),
    );
  }, 300_000);
});
