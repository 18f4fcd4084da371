/**
 * A Bot Connector service in process: the service URL the test activities carry, so every reply,
 * update and personal chat the bot opens is an HTTP request this server records. Failures can be
 * queued (429 with Retry-After, 500...) to test delivery retries, and a post can be taken and its
 * answer lost (the connection closed). Under `graph/` the same server is a strict Microsoft Graph
 * for what the bot reads there: a team channel's or a chat's messages, built from the activities
 * posted to that conversation as Graph shows them (cards as JSON strings), only with a bearer
 * token, only with the query options Graph takes. Stopped by the test that started it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTeams } from '../../src/chat/teams/index.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { testKit, type TestKit } from '../support/app.js';
import { CHANNEL, TEAM_GROUP, user } from './activities.js';

export interface Sent {
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId?: string;
  activity: Record<string, unknown>;
  authorization?: string;
  /** when the connector took it */
  at: Date;
}

export interface FakeGraph {
  /** Graph's root for TEAMS_GRAPH_URL */
  url: string;
  /** the bearer token it accepts */
  token: string;
  /** each team's Microsoft 365 group id → its channels (Bot Connector conversation ids) */
  teams: Map<string, string[]>;
  /** a status to answer every message list with (403: the resource-specific consent was not granted) */
  refuse: number | undefined;
  /** each request: path with query, and the status answered */
  reads: { url: string; status: number }[];
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
  /** take the next activity post (it is in `sent`, as in Teams) and close the connection without answering */
  dropNextPostAnswer(): void;
  graph: FakeGraph;
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
  let dropAnswer = false;
  const graph: FakeGraph = { url: '', token: 'fake-graph-token', teams: new Map([[TEAM_GROUP, [CHANNEL]]]), refuse: undefined, reads: [] };

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
      if (parts[0] === 'graph') {
        const status = graphAnswer(graph, sent, req, url, parts.slice(1), reply);
        graph.reads.push({ url: `${url.pathname}${url.search}`, status });
        return;
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
        sent.push({ method: 'POST', conversationId, activityId: id, activity, authorization, at: new Date() });
        if (dropAnswer) {
          dropAnswer = false;
          return req.socket.destroy();
        }
        return reply(201, { id });
      }
      if (req.method === 'PUT' && parts[4]) {
        sent.push({ method: 'PUT', conversationId, activityId: parts[4], activity, authorization, at: new Date() });
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
  graph.url = `http://127.0.0.1:${port}/graph`;

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
    dropNextPostAnswer() {
      dropAnswer = true;
    },
    graph,
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
      graph.reads.length = 0;
      graph.refuse = undefined;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The Teams adapter on a test kit whose service URL and Graph are a fresh fake connector; close()
 * stops all three. Development mode has no Graph token; `graph: true` hands the adapter the one the
 * fake Graph accepts, as credentials would.
 */
export async function teamsKit(opts: { now?: string; graph?: boolean; log?: Logger } = {}): Promise<{ fake: FakeConnector; kit: TestKit; close(): Promise<void> }> {
  const fake = await startFakeConnector();
  const kit = await testKit({ ...(opts.now ? { now: opts.now } : {}), env: { TEAMS_SERVICE_URL: fake.url, TEAMS_GRAPH_URL: fake.graph.url }, platforms: ['teams'] });
  const teams = await startTeams(kit.app, kit.config, opts.log ?? silentLogger, opts.graph ? { graphToken: async () => fake.graph.token } : {});
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

/**
 * What Microsoft Graph answers the bot's reads: GET /v1.0/teams/{group-id}/channels/{channel-id}/messages
 * (root messages; $top up to 50, $expand; nothing else) and GET /v1.0/chats/{chat-id}/messages ($top up
 * to 50, $orderby createdDateTime or lastModifiedDateTime descending, $filter on lastModifiedDateTime),
 * newest first, paged with @odata.nextLink. 401 without a bearer token, 403 when refused. Returns the status.
 */
function graphAnswer(graph: FakeGraph, sent: Sent[], req: IncomingMessage, url: URL, parts: string[], reply: (status: number, body: unknown) => void): number {
  const answer = (status: number, body: unknown) => {
    reply(status, body);
    return status;
  };
  const error = (status: number, code: string, message: string) => answer(status, { error: { code, message, innerError: { date: new Date().toISOString() } } });
  if (req.headers.authorization !== `Bearer ${graph.token}`) return error(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  if (req.method !== 'GET' || parts[0] !== 'v1.0') return error(400, 'BadRequest', 'Unsupported request');
  let conversationId: string;
  let allowed: string[];
  if (parts[1] === 'teams' && parts[3] === 'channels' && parts[5] === 'messages' && parts.length === 6) {
    const channels = graph.teams.get(parts[2]!);
    if (!channels) return error(404, 'NotFound', 'No team found with Group Id');
    if (!channels.includes(parts[4]!)) return error(404, 'NotFound', 'Channel not found');
    conversationId = parts[4]!;
    allowed = ['$top', '$expand', '$skiptoken'];
  } else if (parts[1] === 'chats' && parts[3] === 'messages' && parts.length === 4) {
    conversationId = parts[2]!;
    allowed = ['$top', '$orderby', '$filter', '$skiptoken'];
    const orderby = url.searchParams.get('$orderby');
    if (orderby !== null && !['createdDateTime desc', 'lastModifiedDateTime desc'].includes(orderby)) return error(400, 'BadRequest', `Unsupported $orderby: ${orderby}`);
  } else return error(404, 'NotFound', 'Resource not found for the segment');
  for (const k of url.searchParams.keys()) if (!allowed.includes(k)) return error(400, 'BadRequest', `Query option '${k}' is not supported`);
  if (graph.refuse) return error(graph.refuse, 'Forbidden', 'Missing role permissions on the request. API requires one of \'ChannelMessage.Read.Group, ChannelMessage.Read.All\'.');
  const top = Number(url.searchParams.get('$top') ?? 20);
  if (!Number.isInteger(top) || top < 1 || top > 50) return error(400, 'BadRequest', 'Invalid page size requested: $top must be between 1 and 50');
  const from = Number(url.searchParams.get('$skiptoken') ?? 0);
  const all = sent
    .filter((s) => s.method === 'POST' && s.conversationId === conversationId)
    .map((s) => {
      // An update replaces the card Graph shows; the message keeps its id and creation time.
      const last = sent.filter((u) => u.method === 'PUT' && u.conversationId === conversationId && u.activityId === s.activityId).at(-1) ?? s;
      const atts = (last.activity.attachments as { contentType: string; content: unknown }[] | undefined) ?? [];
      return {
        id: s.activityId,
        replyToId: null,
        messageType: 'message',
        createdDateTime: s.at.toISOString(),
        lastModifiedDateTime: last.at.toISOString(),
        deletedDateTime: null,
        from: { application: { '@odata.type': '#microsoft.graph.teamworkApplicationIdentity', id: 'bot-app', displayName: 'contract-ops', applicationIdentityType: 'bot' }, user: null },
        body: { contentType: 'html', content: atts.map((_, i) => `<attachment id="${s.activityId}-${i}"></attachment>`).join('') || String(last.activity.text ?? '') },
        attachments: atts.map((a, i) => ({ id: `${s.activityId}-${i}`, contentType: a.contentType, contentUrl: null, content: JSON.stringify(a.content), name: null, thumbnailUrl: null, teamsAppId: null })),
      };
    })
    .reverse();
  const value = all.slice(from, from + top);
  let next: string | undefined;
  if (from + top < all.length) {
    const n = new URL(`${graph.url.replace(/\/graph$/, '')}${url.pathname}${url.search}`);
    n.searchParams.set('$skiptoken', String(from + top));
    next = n.toString();
  }
  return answer(200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#chatMessages', '@odata.count': value.length, ...(next ? { '@odata.nextLink': next.toString() } : {}), value });
}
