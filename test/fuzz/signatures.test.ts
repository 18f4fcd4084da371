/**
 * Requests that are not from Slack or Teams: a click with its v0 signature, timestamp or body
 * changed in any way, or signed with another secret, is a 401 and runs nothing; with Teams
 * credentials configured, an activity with no token or any token not issued by the Bot Framework
 * is a 401 and runs nothing.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../cards/action-ids.js';
import type { Platforms } from '../../src/chat/platforms.js';
import { startTeams } from '../../src/chat/teams/index.js';
import { createJob } from '../../src/jobs/create-job.js';
import { silentLogger } from '../../src/log.js';
import { slackHarness, SIGNING_SECRET, uid, type SlackHarness } from '../slack/harness.js';
import { blockActions, form, sign } from '../slack/payloads.js';
import { message, TENANT } from '../teams/activities.js';
import { changed, fuzzParams, rowCounts } from './support.js';

let h: SlackHarness;
let teams: Platforms;
let body: string;

beforeAll(async () => {
  h = await slackHarness();
  teams = await startTeams(h.kit.app, { ...h.kit.config, teams: { clientId: '00000000-0000-0000-0000-0000000000aa', clientSecret: 'not-a-real-secret', tenantId: TENANT } }, silentLogger);
  const job = await createJob(await h.kit.as('dana'), { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Chiller' });
  // A genuine click: move the job on from its card, a write if it ran.
  const value = encodeAction({ t: 'status', job: job.job.id, to: 'en_route' }, h.kit.app.ctx.services.actionSecret);
  body = form({ payload: JSON.stringify(blockActions({ user_id: uid('dana'), action: { action_id: 'co.0.b', value }, trigger_id: h.fake.triggerId(), response_url: h.fake.responseUrl() })) });
});
afterAll(async () => {
  await teams?.stop();
  await h?.close();
});

const now = () => Math.floor(Date.now() / 1000);

/** POST exactly these headers (the harness would add a valid signature to whatever is missing). */
function raw(b: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`http://127.0.0.1:${h.http!.port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(b)), ...headers }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(b);
  });
}

type Forgery = { kind: 'signature'; at: number; ch: string } | { kind: 'body'; at: number; ch: string } | { kind: 'stale'; by: number } | { kind: 'secret'; secret: string } | { kind: 'missing'; header: string };

const forgery: fc.Arbitrary<Forgery> = fc.oneof(
  fc.record({ kind: fc.constant('signature' as const), at: fc.nat(), ch: fc.constantFrom(...'0123456789abcdef') }),
  fc.record({ kind: fc.constant('body' as const), at: fc.nat(), ch: fc.constantFrom(...'aZ0%&=+ {}"') }),
  // Signed correctly, but outside Slack's five-minute window, in the past (a replay) or the future.
  fc.record({ kind: fc.constant('stale' as const), by: fc.oneof(fc.integer({ min: 301, max: 10_000_000 }), fc.integer({ min: -10_000_000, max: -301 })) }),
  fc.record({ kind: fc.constant('secret' as const), secret: fc.string({ minLength: 1, maxLength: 40 }) }),
  fc.record({ kind: fc.constant('missing' as const), header: fc.constantFrom('x-slack-signature', 'x-slack-request-timestamp') }),
);

function forge(f: Forgery): { body: string; headers: Record<string, string> } {
  const good = sign(body, SIGNING_SECRET, now());
  switch (f.kind) {
    case 'signature': {
      const sig = good['x-slack-signature']!;
      const i = 3 + (f.at % (sig.length - 3));
      const changedSig = sig.slice(0, i) + (sig[i] === f.ch ? (f.ch === '0' ? '1' : '0') : f.ch) + sig.slice(i + 1);
      return { body, headers: { ...good, 'x-slack-signature': changedSig } };
    }
    case 'body': {
      const i = f.at % body.length;
      const b = body.slice(0, i) + (body[i] === f.ch ? `${f.ch}${f.ch}` : f.ch) + body.slice(i + 1);
      return { body: b, headers: good };
    }
    case 'stale':
      return { body, headers: sign(body, SIGNING_SECRET, now() + f.by) };
    case 'secret':
      return { body, headers: sign(body, f.secret === SIGNING_SECRET ? `${f.secret}x` : f.secret, now()) };
    case 'missing': {
      const headers = { ...good };
      delete headers[f.header];
      return { body, headers };
    }
  }
}

describe('forged Slack requests', () => {
  it('the genuine click is accepted (so the forgeries below are refused for their forgery alone)', async () => {
    const res = await h.send(body, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    await h.slack.idle();
  });

  it('any change to signature, body or timestamp, or another secret, is a 401 and runs nothing', async () => {
    await fc.assert(
      fc.asyncProperty(forgery, async (f) => {
        const before = await rowCounts(h.kit.db);
        const calls = h.fake.calls.length;
        const forged = forge(f);
        expect(await raw(forged.body, forged.headers), JSON.stringify(f)).toBe(401);
        await h.slack.idle();
        expect(h.fake.calls.slice(calls), 'no Slack call for a forged request').toEqual([]);
        expect(changed(before, await rowCounts(h.kit.db))).toEqual([]);
      }),
      fuzzParams(40),
    );
  });
});

describe('unsigned Teams activities with credentials configured', () => {
  const jwtPart = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
    fc
      .record({
        alg: fc.constantFrom('none', 'HS256', 'RS256', 'ES256'),
        kid: fc.string({ maxLength: 10 }),
        iss: fc.constantFrom('https://api.botframework.com', 'https://sts.windows.net/x/', 'https://evil.example'),
        sig: fc.string({ maxLength: 40 }),
      })
      .map((t) => `Bearer ${jwtPart({ alg: t.alg, kid: t.kid, typ: 'JWT' })}.${jwtPart({ iss: t.iss, aud: '00000000-0000-0000-0000-0000000000aa', serviceurl: 'http://127.0.0.1/', exp: now() + 600, nbf: now() - 60 })}.${Buffer.from(t.sig).toString('base64url')}`),
  );

  it('no token or a token the Bot Framework did not sign is a 401 and runs nothing', async () => {
    await fc.assert(
      fc.asyncProperty(token, async (auth) => {
        const before = await rowCounts(h.kit.db);
        const activity = message('http://127.0.0.1:9/', 'dana', 'job new ACME-HVAC PAR-HQ P2 Forged job');
        const res = await h.kit.app.api.request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify(activity) });
        expect(res.status, String(auth)).toBe(401);
        expect(changed(before, await rowCounts(h.kit.db))).toEqual([]);
      }),
      fuzzParams(25),
    );
  });
});
