/**
 * The Slack end-to-end kit: a strict fake Slack, the real App on a test database, the real Bolt
 * app behind the real HTTP server (port 0), and helpers that send correctly signed requests.
 */
import { request } from 'node:http';
import { createLogger } from '../../src/log.js';
import { ChannelPacer } from '../../src/chat/slack/deliverer.js';
import { startSlack, type SlackPlatform } from '../../src/chat/slack/index.js';
import { startHttp, type HttpServer } from '../../src/http.js';
import { testKit, type TestKit } from '../support/app.js';
import { FakeSlack, type FakeCall, type FakeSlackUser } from './fake-slack.js';
import { appHomeOpened, blockActions, form, sign, slashCommand, type ClickInit } from './payloads.js';

export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';
export const SIGNING_SECRET = 'test-signing-secret';

/** Demo people as Slack users (same e-mails as the seed), plus two strangers. */
export const SLACK_USERS: FakeSlackUser[] = [
  ...['dana', 'lee', 'max', 'tom', 'tess', 'fiona', 'ada'].map((h) => ({ id: `U0${h.toUpperCase()}`, email: `${h}@demo.example`, ...(h === 'lee' ? { tz: 'Europe/Paris' } : {}) })),
  { id: 'U0STRANGER', email: 'stranger@elsewhere.example' },
  { id: 'U0NOMAIL' },
  { id: 'U0ABOT', email: 'bot@demo.example', isBot: true },
];

export const uid = (handle: string) => `U0${handle.toUpperCase()}`;

/** The pacer's own time: its waits move it on at once and are recorded. */
export class PaceClock {
  nowMs = 0;
  readonly waits: number[] = [];
  readonly pacer = new ChannelPacer(
    1100,
    () => this.nowMs,
    async (ms) => {
      this.waits.push(ms);
      this.nowMs += ms;
    },
  );
}

export interface SlackHarness {
  fake: FakeSlack;
  /** the spacing of posts per channel, in time of its own */
  pace: PaceClock;
  kit: TestKit;
  slack: SlackPlatform;
  http?: HttpServer;
  /** POST a body to /slack/events, signed unless told otherwise */
  send(body: string, contentType: string, opts?: { retryNum?: number; ts?: number; secret?: string; headers?: Record<string, string> }): Promise<Response>;
  /** run a slash command as a Slack user; resolves with the HTTP answer and the response_url used */
  command(user: string, command: string, text?: string, opts?: { channel_id?: string; channel_name?: string }): Promise<{ res: Response; responseUrl: string }>;
  /** click an element (button value or select choice) */
  click(init: Omit<ClickInit, 'trigger_id' | 'response_url'> & { response_url?: string }, opts?: { retryNum?: number }): Promise<{ res: Response; responseUrl: string; triggerId: string }>;
  sendJson(payload: unknown, opts?: { retryNum?: number }): Promise<Response>;
  /** response_url calls made to one url */
  responses(responseUrl: string): FakeCall[];
  /** between tests: let the last one's listeners finish, empty the database, forget Slack calls */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function slackHarness(opts: { socket?: boolean; env?: Record<string, string> } = {}): Promise<SlackHarness> {
  const fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, users: SLACK_USERS });
  await fake.start();
  const kit = await testKit({
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url, ...(opts.socket ? { SLACK_APP_TOKEN: APP_TOKEN } : {}), ...opts.env },
    platforms: ['slack'],
  });
  const log = createLogger(process.env.TEST_LOG ?? 'silent');
  const pace = new PaceClock();
  const slack = await startSlack(kit.app, kit.config, log, {
    pacer: pace.pacer,
    // A dead fake must fail a test fast, not retry for half an hour.
    clientOptions: { retryConfig: { retries: 0 } },
    socketOptions: { clientPingTimeout: 30_000, serverPingTimeout: 60_000 },
  });
  fake.settle = () => slack.idle();
  const http = opts.socket ? undefined : await startHttp(kit.app, { ...kit.config, PORT: 0, HOST: '127.0.0.1' }, log);
  const base = http ? `http://127.0.0.1:${http.port}` : '';

  const send: SlackHarness['send'] = async (body, contentType, o = {}) => {
    const headers: Record<string, string> = { 'content-type': contentType, ...sign(body, o.secret ?? SIGNING_SECRET, o.ts), ...o.headers };
    if (o.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(o.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return post(`${base}/slack/events`, headers, body);
  };

  return {
    fake,
    pace,
    kit,
    slack,
    http,
    send,
    async command(user, command, text = '', o = {}) {
      const responseUrl = fake.responseUrl();
      const body = form(slashCommand({ command, text, user_id: user, response_url: responseUrl, trigger_id: fake.triggerId(), ...o }));
      const res = await send(body, 'application/x-www-form-urlencoded');
      return { res, responseUrl };
    },
    async click(init, o = {}) {
      const responseUrl = init.response_url ?? fake.responseUrl();
      const triggerId = fake.triggerId();
      const body = form({ payload: JSON.stringify(blockActions({ ...init, response_url: responseUrl, trigger_id: triggerId })) });
      const res = await send(body, 'application/x-www-form-urlencoded', o);
      return { res, responseUrl, triggerId };
    },
    async sendJson(payload, o = {}) {
      return send(JSON.stringify(payload), 'application/json', o);
    },
    responses(responseUrl) {
      const path = new URL(responseUrl).pathname;
      return fake.callsTo('response_url').filter((c) => c.args.url === path);
    },
    async reset() {
      await slack.idle();
      await kit.reset();
      fake.calls.length = 0;
    },
    async close() {
      await slack.stop();
      await http?.close();
      await fake.close();
      await kit.close();
    },
  };
}

export { appHomeOpened };

/**
 * One request on its own connection: fetch's keep-alive pool can reuse a socket the server is
 * closing at that moment (ECONNRESET on a loaded machine), which is not what these tests are about.
 */
function post(url: string, headers: Record<string, string>, body: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: h }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
