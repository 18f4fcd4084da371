/**
 * An in-process, strict fake of the Slack Web API (and of response_urls, file uploads and the
 * Socket Mode WebSocket). It checks the token, each method's required arguments, the JSON shape
 * and Block Kit limits the way Slack does (refusing the whole call), answers like Slack, and
 * records every call for the test to read. Listens on 127.0.0.1, port 0; close() it in the test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { blockKitProblems, viewProblems } from './block-kit.js';

export interface FakeSlackUser {
  id: string;
  email?: string;
  isBot?: boolean;
  deleted?: boolean;
  /** the profile's IANA zone (users.info `tz`) */
  tz?: string;
  /** the user's Slack language (users.info `locale`, only with include_locale: true), e.g. fr-FR */
  locale?: string;
}

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  /** what the fake answered */
  result: Record<string, unknown>;
  at: number;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  user?: string;
  /** message metadata as chat.postMessage stored it */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** set on the bot's own posts */
  botId?: string;
}

/** A failure to inject; `when` limits it to calls whose arguments match. */
type Failure = ({ status: number; retryAfter?: number } | { error: string }) & { when?: (args: Record<string, unknown>) => boolean };

/** What each method needs; a missing one is Slack's invalid_arguments. */
const REQUIRED: Record<string, string[]> = {
  'auth.test': [],
  'users.info': ['user'],
  'chat.postMessage': ['channel'],
  'chat.update': ['channel', 'ts'],
  'chat.postEphemeral': ['channel', 'user'],
  'views.open': ['trigger_id', 'view'],
  'views.update': ['view'],
  'views.publish': ['user_id', 'view'],
  'conversations.open': ['users'],
  'conversations.history': ['channel'],
  'files.getUploadURLExternal': ['filename', 'length'],
  'files.completeUploadExternal': ['files'],
  'apps.connections.open': [],
};

/** Fields the WebClient sends as JSON strings inside a form body. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'files', 'metadata'];

const TRIGGER_TTL_MS = 3000;

export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly messages = new Map<string, FakeMessage>();
  private server: Server;
  private port = 0;
  private failures = new Map<string, Failure[]>();
  private triggers = new Map<string, number>();
  /** open modals: id -> hash (views.update must name one, with its latest hash if it gives one) */
  private views = new Map<string, string>();
  private responseUses = new Map<string, number>();
  private users: Map<string, FakeSlackUser>;
  private seq = 0;
  /** files.getUploadURLExternal ids: the length announced, and whether the bytes arrived */
  private uploads = new Map<string, { length: number; uploaded: boolean }>();
  private sockets = new Set<WsConn>();
  private acks = new Map<string, (payload: unknown) => void>();
  private files = new Map<string, Buffer>();
  private waiters: { method: string; pred: (c: FakeCall) => boolean; resolve: (c: FakeCall) => void }[] = [];
  /** Milliseconds the fake's own clock has been moved on (trigger ids expire by it, not by the wall clock). */
  private elapsedMs = 0;
  /**
   * Resolves when the bot has finished the work it started (the harness sets the adapter's
   * `idle()`); waitFor then looks at what was called instead of racing a timer.
   */
  settle?: () => Promise<void>;

  constructor(
    private opts: { botToken: string; appToken?: string; users: FakeSlackUser[] },
  ) {
    this.users = new Map(opts.users.map((u) => [u.id, u]));
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket) => this.upgrade(req, socket));
    // Idle keep-alive connections stay open until close(): a server that drops them after its
    // 5 s default races a client reusing one on a loaded machine ("socket hang up", "fetch failed").
    this.server.keepAliveTimeout = 0;
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** The WebClient's slackApiUrl. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url, as Slack puts in each command and click. */
  responseUrl(): string {
    return `http://127.0.0.1:${this.port}/response/${randomBytes(6).toString('hex')}`;
  }

  /** A trigger id that views.open accepts once, until the fake's clock has moved 3 s on. */
  triggerId(): string {
    const id = `${++this.seq}.${randomBytes(4).toString('hex')}`;
    this.triggers.set(id, this.elapsedMs + TRIGGER_TTL_MS);
    return id;
  }

  /** A Slack account that joins the workspace after start. */
  addUser(u: FakeSlackUser): void {
    this.users.set(u.id, u);
  }

  /** Move the fake's clock on (a test of an expired trigger id says so; slowness never does). */
  advance(ms: number): void {
    this.elapsedMs += ms;
  }

  /** The next call(s) to `method` fail like Slack would. */
  failNext(method: string, ...f: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...f]);
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * The first matching call. The HTTP 200 comes before the listener posts, so with `settle` set it
   * first lets the bot finish what it started, then looks; without it (a bot the test does not
   * hold), it waits for the call to arrive, up to `timeoutMs`.
   */
  async waitFor(method: string, pred: (c: FakeCall) => boolean = () => true, timeoutMs = 60_000): Promise<FakeCall> {
    const found = () => this.calls.find((c) => c.method === method && pred(c));
    if (this.settle) {
      await this.settle();
      const hit = found();
      if (hit) return hit;
      throw new Error(`no matching ${method} call once the bot had finished its work; calls: ${this.calls.map((c) => c.method).join(', ')}`);
    }
    const hit = found();
    if (hit) return hit;
    return new Promise((resolve, reject) => {
      const w = { method, pred, resolve: (c: FakeCall) => (clearTimeout(t), resolve(c)) };
      const t = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`no ${method} call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Put a message in a channel, as if the bot had posted it earlier. */
  seedMessage(m: Omit<FakeMessage, 'ts'>): FakeMessage {
    const msg = { ...m, ts: this.nextTs() };
    this.messages.set(`${msg.channel}:${msg.ts}`, msg);
    return msg;
  }

  /** A file a user shared, as it appears in a message event; downloadable with the bot token. */
  addFile(name: string, mimetype: string, data: Buffer): Record<string, unknown> {
    const id = `F${++this.seq}`;
    this.files.set(id, data);
    const url = `http://127.0.0.1:${this.port}/files/${id}/${encodeURIComponent(name)}`;
    return { id, name, title: name, mimetype, filetype: name.split('.').pop(), size: data.length, url_private: url, url_private_download: `${url}?download=1` };
  }

  private nextTs(): string {
    this.seq++;
    return `${1795500000 + this.seq}.${String(this.seq).padStart(6, '0')}`;
  }

  private record(method: string, args: Record<string, unknown>, result: Record<string, unknown>): void {
    const call = { method, args, result, at: Date.now() };
    this.calls.push(call);
    for (const w of [...this.waiters]) {
      if (w.method === method && w.pred(call)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };

    if (url.pathname.startsWith('/files/')) {
      const id = url.pathname.split('/')[2] ?? '';
      const data = this.files.get(id);
      const ok = req.headers.authorization === `Bearer ${this.opts.botToken}`;
      this.record('file_download', { id, authorized: ok }, { ok: ok && !!data });
      // Slack answers an unauthenticated download with its login page, not the file.
      if (!ok) return void res.writeHead(302, { location: 'https://demo.slack.example/?redir=login' }).end();
      if (!data) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(data);
      return;
    }

    if (url.pathname.startsWith('/upload/')) {
      // Only to a URL Slack handed out, once; the multipart form is a little larger than the file.
      const up = this.uploads.get(url.pathname.slice('/upload/'.length));
      const ok = !!up && !up.uploaded && raw.length >= up.length;
      this.record('upload', { path: url.pathname, bytes: raw.length }, { ok });
      if (!ok) return void res.writeHead(400).end('bad upload');
      up.uploaded = true;
      res.writeHead(200).end('OK');
      return;
    }

    if (url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        return json(400, { ok: false, error: 'invalid_json' });
      }
      const uses = (this.responseUses.get(id) ?? 0) + 1;
      this.responseUses.set(id, uses);
      // Slack allows five uses of one response_url.
      const problems = uses > 5 ? ['used_url'] : this.messageProblems(body);
      const result: Record<string, unknown> = problems.length ? { ok: false, error: problems[0] === 'used_url' ? 'used_url' : 'invalid_blocks', problems } : { ok: true };
      if (!problems.length && body.response_type === 'in_channel') result.ts = this.nextTs();
      this.record('response_url', { ...body, url: `/response/${id}` }, result);
      return json(problems.length ? 400 : 200, result);
    }

    const m = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!m || req.method !== 'POST') return json(404, { ok: false, error: 'not_found' });
    const method = m[1]!;
    const args = this.parseArgs(raw, req.headers['content-type'] ?? '');
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (typeof args.token === 'string' ? args.token : undefined);

    const queue = this.failures.get(method) ?? [];
    const at = queue.findIndex((f) => !f.when || f.when(args));
    const failure = at >= 0 ? queue.splice(at, 1)[0] : undefined;
    if (failure) {
      if ('status' in failure) {
        this.record(method, args, { ok: false, status: failure.status });
        return json(failure.status, { ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }, failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {});
      }
      const result = { ok: false, error: failure.error };
      this.record(method, args, result);
      return json(200, result);
    }

    const answer = (result: Record<string, unknown>) => {
      this.record(method, args, result);
      json(200, result);
    };
    const expected = method === 'apps.connections.open' ? this.opts.appToken : this.opts.botToken;
    if (!token) return answer({ ok: false, error: 'not_authed' });
    if (token !== expected) return answer({ ok: false, error: 'invalid_auth' });
    const required = REQUIRED[method];
    if (!required) return answer({ ok: false, error: 'unknown_method' });
    const missing = required.filter((k) => args[k] === undefined || args[k] === '');
    if (missing.length) return answer({ ok: false, error: 'invalid_arguments', response_metadata: { messages: missing.map((k) => `[ERROR] missing required field: ${k}`) } });
    if (args.__json_error) return answer({ ok: false, error: 'invalid_json', field: args.__json_error });

    switch (method) {
      case 'auth.test':
        return answer({ ok: true, url: 'https://demo.slack.example/', team: 'Demo', user: 'contract-ops', team_id: 'T0DEMO', user_id: 'U0BOT', bot_id: 'B0BOT' });
      case 'users.info': {
        const u = this.users.get(String(args.user));
        if (!u) return answer({ ok: false, error: 'user_not_found' });
        // Slack sends `locale` only to a caller that asks with include_locale (true or "true").
        const withLocale = u.locale && (args.include_locale === true || args.include_locale === 'true');
        return answer({ ok: true, user: { id: u.id, team_id: 'T0DEMO', is_bot: u.isBot ?? false, deleted: u.deleted ?? false, ...(u.tz ? { tz: u.tz } : {}), ...(withLocale ? { locale: u.locale } : {}), profile: { ...(u.email ? { email: u.email } : {}), real_name: u.id } } });
      }
      case 'chat.postMessage': {
        const problems = this.messageProblems(args);
        if (problems.length) return answer({ ok: false, error: 'invalid_blocks', problems });
        const metadata = metadataProblem(args.metadata);
        if (typeof metadata === 'string') return answer({ ok: false, error: 'invalid_metadata_format', response_metadata: { messages: [`[ERROR] ${metadata}`] } });
        let channel = String(args.channel);
        if (/^[UW]/.test(channel)) channel = `D${channel.slice(1)}`;
        const msg: FakeMessage = { channel, ts: this.nextTs(), text: args.text as string | undefined, blocks: args.blocks as unknown[] | undefined, botId: 'B0BOT', ...(metadata ? { metadata } : {}) };
        this.messages.set(`${channel}:${msg.ts}`, msg);
        return answer({ ok: true, channel, ts: msg.ts, message: { type: 'message', text: msg.text, ts: msg.ts, bot_id: 'B0BOT' } });
      }
      case 'chat.update': {
        const key = `${String(args.channel)}:${String(args.ts)}`;
        const msg = this.messages.get(key);
        if (!msg) return answer({ ok: false, error: 'message_not_found' });
        const problems = this.messageProblems(args);
        if (problems.length) return answer({ ok: false, error: 'invalid_blocks', problems });
        msg.text = args.text as string | undefined;
        msg.blocks = args.blocks as unknown[] | undefined;
        return answer({ ok: true, channel: msg.channel, ts: msg.ts, text: msg.text });
      }
      case 'chat.postEphemeral': {
        const problems = this.messageProblems(args);
        if (problems.length) return answer({ ok: false, error: 'invalid_blocks', problems });
        return answer({ ok: true, message_ts: this.nextTs() });
      }
      case 'views.open': {
        const trig = String(args.trigger_id);
        const until = this.triggers.get(trig);
        if (until === undefined) return answer({ ok: false, error: 'invalid_trigger_id' });
        this.triggers.delete(trig);
        if (until < this.elapsedMs) return answer({ ok: false, error: 'expired_trigger_id' });
        const problems = viewProblems(args.view);
        if (problems.length) return answer({ ok: false, error: 'invalid_arguments', problems });
        const id = `V${++this.seq}`;
        const hash = `${this.seq}.${randomBytes(4).toString('hex')}`;
        this.views.set(id, hash);
        return answer({ ok: true, view: { ...(args.view as object), id, hash } });
      }
      case 'views.update': {
        // view_id or external_id names the view; a stale hash is a conflict, as in Slack.
        const id = typeof args.view_id === 'string' ? args.view_id : undefined;
        if (!id && typeof args.external_id !== 'string') return answer({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] view_id or external_id required'] } });
        const current = id ? this.views.get(id) : undefined;
        if (!current) return answer({ ok: false, error: 'not_found' });
        if (args.hash !== undefined && args.hash !== current) return answer({ ok: false, error: 'hash_conflict' });
        const problems = viewProblems(args.view);
        if (problems.length) return answer({ ok: false, error: 'invalid_arguments', problems });
        const hash = `${++this.seq}.${randomBytes(4).toString('hex')}`;
        this.views.set(id!, hash);
        return answer({ ok: true, view: { ...(args.view as object), id, hash } });
      }
      case 'views.publish': {
        const problems = viewProblems(args.view);
        if ((args.view as { type?: string })?.type !== 'home') problems.push('views.publish needs a home view');
        if (problems.length) return answer({ ok: false, error: 'invalid_arguments', problems });
        return answer({ ok: true, view: { id: `V${++this.seq}` } });
      }
      case 'conversations.open': {
        const user = String(args.users).split(',')[0]!;
        if (!this.users.has(user)) return answer({ ok: false, error: 'user_not_found' });
        return answer({ ok: true, channel: { id: `D${user.slice(1)}` } });
      }
      case 'conversations.history': {
        // Newest first; metadata only with include_all_metadata; pages by an opaque cursor.
        const limit = args.limit === undefined ? 100 : Number(args.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 999) return answer({ ok: false, error: 'invalid_limit' });
        const channel = String(args.channel);
        const all = [...this.messages.values()].filter((m) => m.channel === channel).sort((a, b) => Number(b.ts) - Number(a.ts));
        let from = 0;
        if (args.cursor !== undefined && args.cursor !== '') {
          const m = /^next_offset:(\d+)$/.exec(Buffer.from(String(args.cursor), 'base64').toString('utf8'));
          if (!m) return answer({ ok: false, error: 'invalid_cursor' });
          from = Number(m[1]);
        }
        const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true' || args.include_all_metadata === '1';
        const page = all.slice(from, from + limit).map((m) => ({
          type: 'message',
          ts: m.ts,
          text: m.text ?? '',
          ...(m.blocks ? { blocks: m.blocks } : {}),
          ...(m.botId ? { bot_id: m.botId } : { user: m.user }),
          ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
        }));
        const more = from + limit < all.length;
        return answer({ ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? Buffer.from(`next_offset:${from + limit}`).toString('base64') : '' } });
      }
      case 'files.getUploadURLExternal': {
        const length = Number(args.length);
        if (!Number.isInteger(length) || length <= 0) return answer({ ok: false, error: 'invalid_arguments' });
        const id = `F${++this.seq}`;
        this.uploads.set(id, { length, uploaded: false });
        return answer({ ok: true, file_id: id, upload_url: `http://127.0.0.1:${this.port}/upload/${id}` });
      }
      case 'files.completeUploadExternal': {
        // Every file must have been asked for and its bytes sent; a share goes to a conversation id (C…, G…, or a DM's D…: a user id is refused, as Slack does).
        const files = args.files as { id: string; title?: string }[];
        if (!Array.isArray(files) || !files.length || files.some((f) => !this.uploads.get(f.id)?.uploaded)) return answer({ ok: false, error: 'file_not_found' });
        if (args.channel_id !== undefined && !/^[CDG][A-Z0-9]+$/.test(String(args.channel_id))) return answer({ ok: false, error: 'channel_not_found' });
        return answer({ ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) });
      }
      case 'apps.connections.open':
        return answer({ ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${randomBytes(4).toString('hex')}` });
    }
    return answer({ ok: false, error: 'unknown_method' });
  }

  private parseArgs(raw: Buffer, contentType: string): Record<string, unknown> {
    const text = raw.toString('utf8');
    if (contentType.includes('application/json')) return JSON.parse(text || '{}') as Record<string, unknown>;
    const form = Object.fromEntries(new URLSearchParams(text)) as Record<string, unknown>;
    for (const k of JSON_FIELDS) {
      if (typeof form[k] !== 'string') continue;
      try {
        form[k] = JSON.parse(form[k] as string);
      } catch {
        form.__json_error = k;
      }
    }
    return form;
  }

  /** A message's blocks within limits, and always a text fallback beside them. */
  private messageProblems(args: Record<string, unknown>): string[] {
    const problems: string[] = [];
    if (args.blocks === undefined && !args.text) problems.push('no_text');
    if (args.blocks !== undefined) {
      problems.push(...blockKitProblems(args.blocks));
      if (!args.text) problems.push('blocks without a text fallback');
    }
    return problems;
  }

  // --- Socket Mode ---------------------------------------------------------------------------

  private upgrade(req: IncomingMessage, socket: Socket): void {
    const key = req.headers['sec-websocket-key'];
    if (!req.url?.startsWith('/link/') || typeof key !== 'string') return void socket.destroy();
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const conn = new WsConn(socket, (text) => {
      const msg = JSON.parse(text) as { envelope_id?: string; payload?: unknown };
      this.record('socket_ack', msg as Record<string, unknown>, { ok: true });
      if (msg.envelope_id) this.acks.get(msg.envelope_id)?.(msg.payload ?? {});
    });
    this.sockets.add(conn);
    socket.on('close', () => this.sockets.delete(conn));
    conn.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0DEMO' } }));
  }

  /** True once the Socket Mode client has connected. */
  get socketConnected(): boolean {
    return this.sockets.size > 0;
  }

  /** Send one envelope to the connected app; resolves with its ack payload. */
  sendEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown, opts: { retryAttempt?: number } = {}): Promise<unknown> {
    const conn = [...this.sockets][0];
    if (!conn) return Promise.reject(new Error('no Socket Mode connection'));
    const envelope_id = randomBytes(8).toString('hex');
    const acked = new Promise<unknown>((resolve, reject) => {
      // Slack wants the ack within 3 s; how fast this machine is is not what the tests are about.
      const t = setTimeout(() => reject(new Error(`envelope ${type} not acked`)), 60_000);
      this.acks.set(envelope_id, (p) => (clearTimeout(t), resolve(p)));
    });
    conn.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', ...(opts.retryAttempt ? { retry_attempt: opts.retryAttempt, retry_reason: 'timeout' } : {}) }));
    return acked;
  }
}

/** Just enough RFC 6455 for one test client: text frames, ping/pong, close. */
class WsConn {
  private buf = Buffer.alloc(0);

  constructor(
    private socket: Socket,
    private onText: (text: string) => void,
  ) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.drain();
    });
    socket.on('error', () => {});
  }

  send(text: string, opcode = 0x1): void {
    const payload = Buffer.from(text);
    const len = payload.length;
    const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 255]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLen(len)]);
    if (!this.socket.destroyed) this.socket.write(Buffer.concat([head, payload]));
  }

  destroy(): void {
    this.socket.destroy();
  }

  private drain(): void {
    for (;;) {
      if (this.buf.length < 2) return;
      const opcode = this.buf[0]! & 0x0f;
      const masked = (this.buf[1]! & 0x80) !== 0;
      let len = this.buf[1]! & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2));
        off = 10;
      }
      const maskOff = off;
      if (masked) off += 4;
      if (this.buf.length < off + len) return;
      const data = Buffer.from(this.buf.subarray(off, off + len));
      if (masked) for (let i = 0; i < data.length; i++) data[i] = data[i]! ^ this.buf[maskOff + (i % 4)]!;
      this.buf = this.buf.subarray(off + len);
      if (opcode === 0x1) this.onText(data.toString('utf8'));
      else if (opcode === 0x9) this.send(data.toString('utf8'), 0xa);
      else if (opcode === 0x8) {
        this.send('', 0x8);
        this.socket.end();
      }
    }
  }
}

/**
 * Slack's message metadata: an object with an `event_type` (letters, digits, underscores) and an
 * `event_payload` object. Returns the metadata, undefined when absent, or what is wrong with it.
 */
function metadataProblem(m: unknown): { event_type: string; event_payload: Record<string, unknown> } | string | undefined {
  if (m === undefined) return undefined;
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'metadata must be an object';
  const { event_type, event_payload } = m as Record<string, unknown>;
  if (typeof event_type !== 'string' || !/^[A-Za-z0-9_]{1,255}$/.test(event_type)) return 'metadata.event_type must be a string of letters, digits and underscores';
  if (!event_payload || typeof event_payload !== 'object' || Array.isArray(event_payload)) return 'metadata.event_payload must be an object';
  return { event_type, event_payload: event_payload as Record<string, unknown> };
}

function bigLen(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}
