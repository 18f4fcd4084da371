/**
 * Delivers outbox rows for the platforms this process serves. A row is claimed with a lease
 * (FOR UPDATE SKIP LOCKED, next attempt pushed out), delivered outside any transaction, then
 * marked. Two replicas never claim the same row; a crash mid-delivery re-delivers after the lease,
 * first asking the platform for the message an earlier attempt may have posted (`findPosted`), so a
 * fault after the platform took a post never shows the card twice.
 */
import { and, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Card } from '../../cards/card.js';
import { drawImages } from '../../cards/draw.js';
import { outbox, postedMessages } from '../../db/schema.js';
import type { Ctx, Platform } from '../context.js';
import { personById } from '../people/person.js';
import { inLanguage, langOf, type Lang } from '../i18n/index.js';
import { loadRedactor, technicianSeesOriginal } from '../privacy/redactor.js';
import { DeliveryError, type Deliverer } from './deliverer.js';

/**
 * What leaves: every card passes the contracts' redaction, except a direct message to the job's
 * own technician where the contract allows it (`privacy.technicianSeesOriginal`).
 */
async function shownCard(ctx: Ctx, row: typeof outbox.$inferSelect, card: Card): Promise<Card> {
  const payload = row.payload as Record<string, unknown>;
  if (row.op === 'direct' && typeof payload.job === 'string' && (await technicianSeesOriginal(ctx.root, payload.job, (row.target as { personId: number }).personId))) return card;
  return (await loadRedactor(ctx.root)).card(card);
}

export type CardLoader = (ctx: Ctx, subjectId: string, payload: Record<string, unknown>, platform: Platform) => Promise<Card | null>;

const LEASE_MS = 60_000;
/**
 * Attempts before a post is given up: with backoff doubling from 2 s to a 15-minute cap, twelve
 * attempts keep trying for about 47 minutes, past a typical Slack or Teams incident. (Eight gave
 * up after about 4 minutes of 5xx, and an SLA alert was then never seen.)
 */
export const MAX_ATTEMPTS = 12;

export class Notifier {
  private loaders = new Map<string, CardLoader>();
  private deliverers = new Map<Platform, Deliverer>();

  constructor(private ctx: Ctx) {}

  register(subjectKind: string, loader: CardLoader): void {
    this.loaders.set(subjectKind, loader);
  }

  addDeliverer(d: Deliverer): void {
    this.deliverers.set(d.platform, d);
  }

  /**
   * The card a subject shows now, as delivery would build it: for a platform that asks for a
   * posted card again (Teams' refresh). Built in the language its message was first posted in
   * (`lang`, which the caller renders it in too), like an update. Null when the subject is gone or
   * has no card.
   */
  async currentCard(subjectKind: string, subjectId: string, platform: Platform): Promise<{ card: Card; lang: Lang } | null> {
    const loader = this.loaders.get(subjectKind);
    if (!loader) return null;
    const lang = await this.postedLang(subjectKind, subjectId, platform);
    const card = await inLanguage(lang, () => loader(this.ctx, subjectId, {}, platform));
    if (card) await drawImages(card);
    return card && { card: (await loadRedactor(this.ctx.root)).card(card), lang };
  }

  /**
   * The card of a posted message (`ref` as stored: the platform's reference of the posted message)
   * built in `lang`, as it is now: what a clicker reads about a channel's card in their own
   * language. Null when no message there was posted by the notifier or its subject has no card.
   */
  async postedCardIn(platform: Platform, ref: Record<string, string>, lang: Lang): Promise<Card | null> {
    const [posted] = await this.ctx.root
      .select({ subjectKind: postedMessages.subjectKind, subjectId: postedMessages.subjectId })
      .from(postedMessages)
      .where(and(eq(postedMessages.platform, platform), sql`${postedMessages.ref} @> ${JSON.stringify(ref)}::jsonb`))
      .orderBy(desc(postedMessages.id))
      .limit(1);
    const loader = posted && this.loaders.get(posted.subjectKind);
    if (!posted || !loader) return null;
    const card = await inLanguage(lang, () => loader(this.ctx, posted.subjectId, {}, platform));
    return card && (await loadRedactor(this.ctx.root)).card(card);
  }

  /** The language a subject's latest message on a platform was posted in, else the deployment's. */
  private async postedLang(subjectKind: string, subjectId: string, platform: Platform): Promise<Lang> {
    const [posted] = await this.ctx.root
      .select({ lang: postedMessages.lang })
      .from(postedMessages)
      .where(and(eq(postedMessages.subjectKind, subjectKind), eq(postedMessages.subjectId, subjectId), eq(postedMessages.platform, platform)))
      .orderBy(desc(postedMessages.id))
      .limit(1);
    return langOf(posted?.lang ?? undefined) ?? this.ctx.services.defaultLanguage;
  }

  get platforms(): Platform[] {
    return [...this.deliverers.keys()];
  }

  /** Deliver what is due; returns how many rows were delivered. */
  async deliverDue(limit = 50): Promise<number> {
    if (!this.deliverers.size) return 0;
    const now = this.ctx.clock.now();
    const claimed = await this.ctx.root.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(and(isNull(outbox.deliveredAt), isNull(outbox.failedAt), lte(outbox.nextAttemptAt, now), inArray(outbox.platform, this.platforms)))
        .orderBy(outbox.id)
        .limit(limit)
        .for('update', { skipLocked: true });
      if (rows.length) {
        await tx
          .update(outbox)
          // Until an outcome is recorded, a post in flight may or may not have reached the platform.
          .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${outbox.attempts} + 1`, outcomeUnknown: sql`${outbox.op} <> 'update'` })
          .where(inArray(outbox.id, rows.map((r) => r.id)));
      }
      return rows;
    });
    let delivered = 0;
    for (const row of claimed) {
      let ref: unknown;
      try {
        ref = await this.deliverOne(row);
      } catch (err) {
        await this.failed(row, err);
        continue;
      }
      // The platform has the message: from here on nothing counts it as failed. If this write
      // fails (the database went away) the row keeps `outcome_unknown`, and the next attempt
      // after the lease finds the message instead of posting it again.
      try {
        await this.ctx.root.transaction(async (tx) => {
          if (row.op === 'post' && ref !== undefined && ref !== null) {
            await tx.insert(postedMessages).values({ subjectKind: row.subjectKind, subjectId: row.subjectId, platform: row.platform, ref, lang: row.lang });
          }
          await tx.update(outbox).set({ deliveredAt: this.ctx.clock.now(), lastError: null, outcomeUnknown: false }).where(eq(outbox.id, row.id));
        });
        delivered++;
      } catch (err) {
        this.ctx.log.warn({ outbox: row.id, platform: row.platform, err: (err as Error).message }, 'delivered, but could not record it; the next attempt looks for the message before posting');
      }
    }
    return delivered;
  }

  private async failed(row: typeof outbox.$inferSelect, err: unknown): Promise<void> {
    const retryable = !(err instanceof DeliveryError) || err.retryable;
    // Only a platform's own refusal is certain; a dropped connection or an unexpected error may
    // come after the platform took the message.
    const uncertain = !(err instanceof DeliveryError) || err.uncertain;
    const attempts = row.attempts + 1;
    const backoff = err instanceof DeliveryError && err.retryAfterMs !== undefined ? err.retryAfterMs : Math.min(2 ** attempts * 1000, 15 * 60_000);
    const give = !retryable || attempts >= MAX_ATTEMPTS;
    // Giving up loses a message someone was meant to see: an error for whoever watches the logs.
    const entry = { outbox: row.id, platform: row.platform, subject: `${row.subjectKind}:${row.subjectId}`, attempts, err: (err as Error).message };
    if (give) this.ctx.log.error(entry, 'delivery failed for good');
    else this.ctx.log.warn(entry, 'delivery failed, will retry');
    await this.ctx.root
      .update(outbox)
      .set({
        lastError: String((err as Error).message).slice(0, 500),
        nextAttemptAt: new Date(this.ctx.clock.now().getTime() + backoff),
        outcomeUnknown: uncertain,
        ...(give ? { failedAt: this.ctx.clock.now() } : {}),
      })
      .where(eq(outbox.id, row.id));
  }

  /**
   * Deliver one claimed row; returns the message reference the platform gave (posts and DMs). The
   * card is built and rendered in the row's language: the team's for a post, the person's for a DM.
   */
  private deliverOne(row: typeof outbox.$inferSelect): Promise<unknown> {
    return inLanguage(langOf(row.lang) ?? this.ctx.services.defaultLanguage, () => this.deliverIn(row));
  }

  private async deliverIn(row: typeof outbox.$inferSelect): Promise<unknown> {
    const d = this.deliverers.get(row.platform as Platform);
    const loader = this.loaders.get(row.subjectKind);
    if (!d) throw new DeliveryError(`no deliverer for ${row.platform}`, false);
    if (!loader) throw new DeliveryError(`no card for ${row.subjectKind}`, false);
    const built = await loader(this.ctx, row.subjectId, row.payload as Record<string, unknown>, row.platform as Platform);
    if (!built) return undefined; // the subject is gone or needs no message any more
    const card = await shownCard(this.ctx, row, built);
    if (!d.drawsImagesWhenShown) await drawImages(card);
    const tag = { outboxId: row.id, createdAt: row.createdAt };
    if (row.op === 'update') {
      const t = row.target as { ref: unknown };
      await d.update(t.ref, card);
      return undefined;
    }
    if (row.op === 'post') {
      const earlier = row.outcomeUnknown ? await this.earlierPost(d, row, { target: row.target }) : null;
      return earlier ?? (await d.post(row.target, card, tag));
    }
    const t = row.target as { personId: number };
    const person = await personById(this.ctx.root, t.personId);
    if (!person) return undefined;
    const earlier = row.outcomeUnknown ? await this.earlierPost(d, row, { person }) : null;
    return earlier ?? (await d.direct(person, card, tag));
  }

  /**
   * After an attempt whose outcome is unknown (a kill, a lease that ran out, a failed write after
   * the post), the message the platform may already have. A platform that cannot tell, or a look-up
   * that fails, means posting again: a rare duplicate rather than a lost alert.
   */
  private async earlierPost(d: Deliverer, row: typeof outbox.$inferSelect, where: Parameters<NonNullable<Deliverer['findPosted']>>[0]): Promise<unknown> {
    if (!d.findPosted) return null;
    try {
      const found = await d.findPosted(where, { outboxId: row.id, createdAt: row.createdAt });
      if (found !== null && found !== undefined) this.ctx.log.info({ outbox: row.id, platform: row.platform }, 'found the message an earlier attempt posted; not posting again');
      return found ?? null;
    } catch (err) {
      this.ctx.log.warn({ outbox: row.id, platform: row.platform, err: (err as Error).message }, 'could not look for an earlier post; posting');
      return null;
    }
  }
}
