/**
 * Proactive posts for the notifier: alerts, approval requests and digests into a team's bound
 * channel, direct messages, and rewrites of posted cards. The outbox owns retries, so this client
 * never waits out a 429 itself: it reports a retryable DeliveryError carrying Retry-After and the
 * notifier schedules the next attempt. Posts to one channel are spaced about a second apart, the
 * rate Slack allows per channel.
 */
import { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Card } from '../../../cards/card.js';
import { renderSlack } from '../../../cards/slack.js';
import type { Logger } from '../../log.js';
import { DeliveryError, type Deliverer, type DirectPerson, type PostTag } from '../../notify/deliverer.js';
import { TRANSIENT_SLACK_ERRORS } from './errors.js';
import { uploadImages } from './reply.js';
import { WrittenMessages } from './written.js';

type WebClient = webApi.WebClient;
const { ErrorCode } = webApi;

const channelTarget = z.object({ channel: z.string().min(1) });
const messageRef = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
const posted = z.object({ channel: z.string(), ts: z.string() });
const opened = z.object({ channel: z.object({ id: z.string() }) });
const history = z.object({
  messages: z.array(z.object({ ts: z.string(), metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional() }).loose()).default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** The message metadata event type naming the outbox row a post is for. */
export const OUTBOX_EVENT_TYPE = 'contract_ops_outbox';
const outboxPayload = (tag: PostTag) => ({ outbox_id: String(tag.outboxId), outbox_created: tag.createdAt.toISOString() });

/** How far back a look for an earlier post goes: the lease is a minute, a busy channel is not busier. */
const HISTORY_PAGES = 3;

/** Platform errors worth another attempt; every other platform error will fail the same way again. */
const TRANSIENT: ReadonlySet<string> = new Set([...TRANSIENT_SLACK_ERRORS, 'team_added_to_org']);

export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; message?: string };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError('Slack rate limit', true, (e.retryAfter ?? 1) * 1000);
    case ErrorCode.HTTPError:
      return new DeliveryError(`Slack answered HTTP ${e.statusCode}`, (e.statusCode ?? 500) >= 500 || e.statusCode === 429);
    case ErrorCode.RequestError:
      return new DeliveryError(`Slack unreachable: ${e.message ?? ''}`, true, undefined, true);
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return new DeliveryError(`Slack refused: ${code}`, TRANSIENT.has(code));
    }
    default:
      return new DeliveryError(`Slack delivery failed: ${e.message ?? String(err)}`, true, undefined, true);
  }
}

/** One queue per channel: each send starts at least `gapMs` after the previous one there ended. */
export class ChannelPacer {
  private tails = new Map<string, Promise<void>>();
  private lastAt = new Map<string, number>();

  constructor(
    private gapMs = 1100,
    private now: () => number = Date.now,
    private sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  run<T>(channel: string, f: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(channel) ?? Promise.resolve();
    const result = prev.then(async () => {
      const last = this.lastAt.get(channel);
      const wait = last === undefined ? 0 : last + this.gapMs - this.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await f();
      } finally {
        this.lastAt.set(channel, this.now());
        this.prune();
      }
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(channel, tail);
    void tail.then(() => {
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
    });
    return result;
  }

  /** Channels quiet for longer than the gap need no memory. */
  private prune(): void {
    if (this.lastAt.size < 1000) return;
    const cutoff = this.now() - this.gapMs;
    for (const [c, at] of this.lastAt) if (at < cutoff) this.lastAt.delete(c);
  }
}

export class SlackDeliverer implements Deliverer {
  readonly platform = 'slack' as const;

  constructor(
    private client: WebClient,
    private log: Logger,
    private zone: string,
    private pacer = new ChannelPacer(),
    /** what was last written to each message, shared with the click replies */
    readonly written = new WrittenMessages(),
  ) {}

  async post(target: unknown, card: Card, tag?: PostTag): Promise<unknown> {
    const t = channelTarget.safeParse(target);
    if (!t.success) throw new DeliveryError('Slack target has no channel', false);
    return this.send(t.data.channel, card, tag);
  }

  async update(ref: unknown, card: Card): Promise<void> {
    const r = messageRef.safeParse(ref);
    if (!r.success) throw new DeliveryError('Slack message reference is malformed', false);
    const m = renderSlack(card, { zone: this.zone });
    const { channel, ts } = r.data;
    // A click has usually rewritten the message from the same state already: one update per change.
    if (this.written.unchanged(channel, ts, m)) return;
    await this.pacer.run(channel, async () => {
      try {
        await this.client.chat.update({ channel, ts, ...m });
        this.written.record(channel, ts, m);
      } catch (err) {
        throw toDeliveryError(err);
      }
    });
  }

  async direct(person: DirectPerson, card: Card, tag?: PostTag): Promise<unknown> {
    return this.send(await this.dmChannel(person), card, tag);
  }

  /**
   * The message posted for this outbox row, found by its metadata in the channel's recent history
   * (needs the *:history scopes), or null.
   */
  async findPosted(where: { target: unknown } | { person: DirectPerson }, tag: PostTag): Promise<{ channel: string; ts: string } | null> {
    let channel: string;
    if ('person' in where) channel = await this.dmChannel(where.person);
    else {
      const t = channelTarget.safeParse(where.target);
      if (!t.success) return null;
      channel = t.data.channel;
    }
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      let h: z.infer<typeof history>;
      try {
        h = history.parse(await this.client.conversations.history({ channel, limit: 100, include_all_metadata: true, ...(cursor ? { cursor } : {}) }));
      } catch (err) {
        throw toDeliveryError(err);
      }
      const want = outboxPayload(tag);
      const hit = h.messages.find((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && m.metadata.event_payload?.outbox_id === want.outbox_id && m.metadata.event_payload.outbox_created === want.outbox_created);
      if (hit) return { channel, ts: hit.ts };
      cursor = h.response_metadata?.next_cursor;
      if (!cursor) break;
    }
    return null;
  }

  private async dmChannel(person: DirectPerson): Promise<string> {
    if (!person.slackUserId) throw new DeliveryError(`person ${person.id} has no Slack user id`, false);
    try {
      // The DM's own channel id (D…) is what chat.update needs later, not the user id.
      return opened.parse(await this.client.conversations.open({ users: person.slackUserId })).channel.id;
    } catch (err) {
      throw toDeliveryError(err);
    }
  }

  private async send(channel: string, card: Card, tag?: PostTag): Promise<{ channel: string; ts: string }> {
    const m = renderSlack(card, { zone: this.zone });
    const metadata = tag ? { metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: outboxPayload(tag) } } : {};
    const ref = await this.pacer.run(channel, async () => {
      try {
        const ref = posted.parse(await this.client.chat.postMessage({ channel, ...m, ...metadata, unfurl_links: false }));
        this.written.record(ref.channel, ref.ts, m);
        return ref;
      } catch (err) {
        throw toDeliveryError(err);
      }
    });
    // After the post, so a failed upload never causes the card to be posted twice.
    await uploadImages({ client: this.client, log: this.log, zone: this.zone }, [card], ref.channel, ref.ts);
    return { channel: ref.channel, ts: ref.ts };
  }
}
