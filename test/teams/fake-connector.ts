/**
 * A Bot Connector service in process: the service URL the test activities carry, so every reply,
 * update and personal chat the bot opens is an HTTP request this server records. Failures can be
 * queued (429 with Retry-After, 500...) to test delivery retries. Stopped by the test that started it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTeams } from '../../src/chat/teams/index.js';
import { silentLogger } from '../../src/log.js';
import { testKit, type TestKit } from '../support/app.js';
import { user } from './activities.js';

export interface Sent {
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId?: string;
  activity: Record<string, unknown>;
  authorization?: string;
}

export interface FakeConnector {
  url: string;
  sent: Sent[];
  /** personal chats opened: { user id, conversation id } */
  opened: { userId: string; conversationId: string }[];
  /** members the roster look-up knows: Teams user id → e-mail */
  emails: Map<string, string>;
  /** who the members list of every conversation holds (GET /v3/conversations/:id/members), and each conversation it was read for */
  roster: { id: string; aadObjectId: string; name: string; email: string }[];
  rosterReads: string[];
  failNext(status: number, headers?: Record<string, string>): void;
  /** files served at <url>files/<name> (a SharePoint download URL or a connector attachment URL) */
  files: Map<string, Buffer>;
  /** the Authorization header of each file download, by name */
  fileAuth: Map<string, string | undefined>;
  /** the Adaptive Cards sent (or updated), in order */
  cards(): { conversationId: string; activityId?: string; card: Record<string, unknown> }[];
  texts(): { conversationId: string; text: string }[];
  clear(): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: Sent[] = [];
  const opened: { userId: string; conversationId: string }[] = [];
  const emails = new Map<string, string>();
  const roster: FakeConnector['roster'] = [];
  const rosterReads: string[] = [];
  const failures: { status: number; headers: Record<string, string> }[] = [];
  const files = new Map<string, Buffer>();
  const fileAuth = new Map<string, string | undefined>();
  let seq = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && parts[0] === 'files' && parts[1]) {
        const data = files.get(parts[1]);
        fileAuth.set(parts[1], req.headers.authorization);
        if (!data) return reply(404, { error: 'no such file' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(data.length) });
        return res.end(data);
      }
      const fail = failures.shift();
      if (fail) return reply(fail.status, { error: { code: 'Fake', message: `fake ${fail.status}` } }, fail.headers);
      // /v3/conversations[/:id/activities[/:activityId] | /:id/members[/:memberId]]
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return reply(404, { error: 'not found' });
      const authorization = req.headers.authorization;
      if (req.method === 'POST' && parts.length === 2) {
        const body = await readJson(req);
        const members = body.members as { id: string }[] | undefined;
        const userId = members?.[0]?.id ?? 'unknown';
        const conversationId = `a:personal-${userId}`;
        opened.push({ userId, conversationId });
        return reply(201, { id: conversationId, activityId: '', serviceUrl: '' });
      }
      const conversationId = parts[2]!;
      if (req.method === 'GET' && parts[3] === 'members' && parts.length === 4) {
        rosterReads.push(conversationId);
        // As the Bot Connector answers: TeamsChannelAccount objects, the e-mail also as the UPN.
        return reply(
          200,
          roster.map((m) => ({ id: m.id, name: m.name, aadObjectId: m.aadObjectId, email: m.email, userPrincipalName: m.email, userRole: 'user' })),
        );
      }
      if (req.method === 'GET' && parts[3] === 'members' && parts[4]) {
        const email = emails.get(parts[4]);
        if (!email) return reply(404, { error: { code: 'MemberNotFoundInConversation' } });
        return reply(200, { id: parts[4], name: email.split('@')[0], email, userPrincipalName: email });
      }
      if (parts[3] !== 'activities') return reply(404, { error: 'not found' });
      const activity = await readJson(req);
      if (req.method === 'POST') {
        const id = `act-${++seq}`;
        sent.push({ method: 'POST', conversationId, activity, authorization });
        return reply(201, { id });
      }
      if (req.method === 'PUT' && parts[4]) {
        sent.push({ method: 'PUT', conversationId, activityId: parts[4], activity, authorization });
        return reply(200, { id: parts[4] });
      }
      return reply(405, { error: 'method' });
    })().catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    opened,
    emails,
    roster,
    rosterReads,
    files,
    fileAuth,
    failNext(status, headers = {}) {
      failures.push({ status, headers });
    },
    cards() {
      return sent.flatMap((s) => {
        const atts = (s.activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [];
        return atts.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => ({ conversationId: s.conversationId, activityId: s.activityId, card: a.content }));
      });
    },
    texts() {
      return sent.filter((s) => typeof s.activity.text === 'string').map((s) => ({ conversationId: s.conversationId, text: s.activity.text as string }));
    },
    clear() {
      sent.length = 0;
      opened.length = 0;
      rosterReads.length = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The Teams adapter on a test kit whose service URL is a fresh fake connector; close() stops all three. */
export async function teamsKit(opts: { now?: string } = {}): Promise<{ fake: FakeConnector; kit: TestKit; close(): Promise<void> }> {
  const fake = await startFakeConnector();
  const kit = await testKit({ ...opts, env: { TEAMS_SERVICE_URL: fake.url }, platforms: ['teams'] });
  const teams = await startTeams(kit.app, kit.config, silentLogger);
  return {
    fake,
    kit,
    async close() {
      await teams.stop();
      await fake.close();
      await kit.close();
    },
  };
}

/** The demo people as the connector's member look-ups know them (Teams id → seed e-mail), all members of every conversation. */
export function knowDemoPeople(fake: FakeConnector): void {
  fake.roster.length = 0;
  for (const h of ['dana', 'lee', 'max', 'tom', 'tess', 'fiona', 'ada']) {
    fake.emails.set(user(h).id, `${h}@demo.example`);
    fake.roster.push({ ...user(h), email: `${h}@demo.example` });
  }
}
