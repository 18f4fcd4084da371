import type { Card } from '../../cards/card.js';
import type { Platform } from '../context.js';

/** What a platform adapter offers the notifier. Refs are whatever the platform needs to update. */
export interface Deliverer {
  platform: Platform;
  /** post a card to a channel target (team binding); returns the message reference */
  post(target: unknown, card: Card): Promise<unknown>;
  /** rewrite a message posted earlier */
  update(ref: unknown, card: Card): Promise<void>;
  /** a direct message to a person */
  direct(person: { id: number; slackUserId: string | null; teamsUserId: string | null; email: string }, card: Card): Promise<unknown>;
}

/** A failure worth retrying later (429, 5xx, network) versus one that never will work. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
