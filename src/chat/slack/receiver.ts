/**
 * Bolt's transport for HTTP mode, mounted on the one Hono app at POST /slack/events (Bolt's own
 * HTTPReceiver would need a second port). Verify, then parse: the v0 signature is checked on the
 * raw body before anything is read from it. The HTTP answer is sent when a listener acks, so
 * slow work after `ack()` never delays Slack's 3-second deadline.
 */
import type { App as BoltApp, Receiver, ReceiverEvent } from '@slack/bolt';
import { ReceiverMultipleAckError, verifySlackRequest } from '@slack/bolt';
import { z } from 'zod';
import type { Api } from '../../api/app.js';
import type { Logger } from '../../log.js';

/** Slack's window for a request timestamp, both ways (a replay from the past or a skewed clock). */
export const MAX_SKEW_SECONDS = 5 * 60;
/** Slack payloads are a few kilobytes; anything far larger is not from Slack. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Bolt listeners must ack within Slack's 3 s; past this the request is answered anyway. */
const ACK_TIMEOUT_MS = 3000;

const jsonObject = z.record(z.string(), z.unknown());

export interface HonoReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** wall-clock milliseconds for the timestamp window (tests never need to change it) */
  now?: () => number;
}

export class HonoReceiver implements Receiver {
  private bolt: BoltApp | undefined;

  constructor(private opts: HonoReceiverOptions) {}

  init(app: BoltApp): void {
    this.bolt = app;
  }

  /** The Hono server is started (and stopped) by main; nothing to do here. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  mount(api: Api, path = '/slack/events'): void {
    api.post(path, (c) => this.handle(c.req.raw));
  }

  async handle(req: Request): Promise<Response> {
    const length = Number(req.headers.get('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) return new Response('payload too large', { status: 413 });
    const raw = await req.text();
    if (raw.length > MAX_BODY_BYTES) return new Response('payload too large', { status: 413 });

    const contentType = req.headers.get('content-type') ?? '';
    // Slack's ssl_check (a form post) carries no data and asks for nothing but a 200.
    if (contentType.includes('application/x-www-form-urlencoded') && new URLSearchParams(raw).get('ssl_check') === '1') return new Response('', { status: 200 });

    const problem = this.verify(req.headers, raw);
    if (problem) {
      this.opts.log.warn({ problem }, 'refused a Slack request');
      return new Response('invalid request signature', { status: 401 });
    }

    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, contentType);
    } catch {
      return new Response('unreadable body', { status: 400 });
    }
    if (body.type === 'url_verification') return Response.json({ challenge: String(body.challenge ?? '') });

    const retryNum = intHeader(req.headers.get('x-slack-retry-num'));
    const retryReason = req.headers.get('x-slack-retry-reason') ?? undefined;
    return this.dispatch(body, retryNum, retryReason);
  }

  /** Why the request is not from Slack, or undefined when it is. */
  private verify(headers: Headers, raw: string): string | undefined {
    const signature = headers.get('x-slack-signature');
    const ts = Number(headers.get('x-slack-request-timestamp'));
    if (!signature || !Number.isInteger(ts)) return 'missing signature headers';
    const nowMs = (this.opts.now ?? Date.now)();
    // verifySlackRequest refuses old timestamps only; one from the future is as suspect.
    if (Math.abs(nowMs / 1000 - ts) > MAX_SKEW_SECONDS) return 'stale or future timestamp';
    try {
      verifySlackRequest({ signingSecret: this.opts.signingSecret, body: raw, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts }, nowMilliseconds: nowMs });
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  private dispatch(body: Record<string, unknown>, retryNum: number | undefined, retryReason: string | undefined): Promise<Response> {
    const bolt = this.bolt;
    if (!bolt) return Promise.resolve(new Response('not ready', { status: 503 }));
    return new Promise<Response>((resolve) => {
      let acked = false;
      const timer = setTimeout(() => {
        if (acked) return;
        this.opts.log.error('a Slack request was not acknowledged within 3 s');
      }, ACK_TIMEOUT_MS);
      const event: ReceiverEvent = {
        body,
        retryNum,
        retryReason,
        ack: async (response?: unknown) => {
          if (acked) throw new ReceiverMultipleAckError();
          acked = true;
          clearTimeout(timer);
          resolve(toResponse(response));
        },
      };
      bolt.processEvent(event).then(
        () => {
          clearTimeout(timer);
          // Nothing acked (no listener matched): say so instead of leaving Slack waiting.
          if (!acked) resolve(new Response('', { status: 404 }));
        },
        (err: unknown) => {
          clearTimeout(timer);
          this.opts.log.error({ err }, 'Bolt failed to process a Slack request');
          if (!acked) resolve(new Response('', { status: 500 }));
        },
      );
    });
  }
}

function intHeader(v: string | null): number | undefined {
  if (v === null) return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

/** Slash commands are a form; interactivity is a form with one JSON `payload`; events are JSON. */
export function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) return jsonObject.parse(JSON.parse(payload));
    return Object.fromEntries(form);
  }
  return jsonObject.parse(JSON.parse(raw));
}

function toResponse(response: unknown): Response {
  if (response === undefined || response === null || response === '') return new Response('', { status: 200 });
  if (typeof response === 'string') return new Response(response, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(response);
}
