/**
 * What this process last wrote to each Slack message, as a digest of the rendered text and
 * blocks. A click rewrites its card at once (reply.ts) and the outbox rewrites the same message
 * from the same state a moment later (deliverer.ts); whichever comes second finds the content
 * unchanged and skips the chat.update, so a decided click costs one call of Slack's rate limit.
 * Held in memory: with several replicas a rewrite on another replica is not seen, which costs one
 * redundant update, never a missed one.
 */
import { createHash } from 'node:crypto';
import type { SlackMessage } from '../../../cards/slack.js';

/** Cards are rewritten within seconds of a click; older entries are only memory. */
const MAX_ENTRIES = 2000;

export class WrittenMessages {
  private digests = new Map<string, string>();

  private static key(channel: string, ts: string): string {
    return `${channel}:${ts}`;
  }

  private static digest(m: SlackMessage): string {
    return createHash('sha256').update(JSON.stringify([m.text, m.blocks])).digest('base64url');
  }

  /** True when the message already shows exactly this content (as far as this process wrote it). */
  unchanged(channel: string, ts: string, m: SlackMessage): boolean {
    return this.digests.get(WrittenMessages.key(channel, ts)) === WrittenMessages.digest(m);
  }

  record(channel: string, ts: string, m: SlackMessage): void {
    const key = WrittenMessages.key(channel, ts);
    this.digests.delete(key);
    this.digests.set(key, WrittenMessages.digest(m));
    if (this.digests.size > MAX_ENTRIES) this.digests.delete(this.digests.keys().next().value!);
  }
}
