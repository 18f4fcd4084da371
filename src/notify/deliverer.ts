import type { Card } from '../../cards/card.js';
import type { Platform } from '../context.js';

/** The outbox row a post is for: carried in the message where the platform allows, to find it again. */
export interface PostTag {
  outboxId: number;
  /** with the id, names the row even across a database restored or recreated with the same ids */
  createdAt: Date;
}

export type DirectPerson = { id: number; slackUserId: string | null; teamsUserId: string | null; email: string };

/** What a platform adapter offers the notifier. Refs are whatever the platform needs to update. */
export interface Deliverer {
  platform: Platform;
  /** post a card to a channel target (team binding); returns the message reference */
  post(target: unknown, card: Card, tag?: PostTag): Promise<unknown>;
  /** rewrite a message posted earlier */
  update(ref: unknown, card: Card): Promise<void>;
  /** a direct message to a person */
  direct(person: DirectPerson, card: Card, tag?: PostTag): Promise<unknown>;
  /**
   * The message an earlier attempt for this outbox row posted, if the platform has it (null when
   * it has none). Asked before posting again after an attempt whose outcome is unknown.
   */
  findPosted?(where: { target: unknown } | { person: DirectPerson }, tag: PostTag): Promise<unknown>;
  /**
   * The deliverer draws a card's images itself (cards/draw.ts), only when it shows the card in
   * full; else the notifier draws them before handing the card over.
   */
  drawsImagesWhenShown?: boolean;
}

/** A failure worth retrying later (429, 5xx, network) versus one that never will work. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    /** the platform may have received the message anyway (the connection dropped before its answer) */
    readonly uncertain = false,
  ) {
    super(message);
  }
}
