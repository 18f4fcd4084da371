/** A queued notice as its reader gets it: the outbox row's card, worded in the row's language. */
import type { Card } from '../../cards/card.js';
import { plain } from '../../cards/card.js';
import type { outbox } from '../../db/schema.js';
import type { Ctx } from '../../src/context.js';
import { inLanguage, langOf } from '../../src/i18n/index.js';
import { noticesFeature } from '../../src/notify/feature.js';

export async function deliveredNotice(ctx: Ctx, row: typeof outbox.$inferSelect): Promise<Card> {
  return inLanguage(langOf(row.lang) ?? 'en', () => noticesFeature.loaders.notice(ctx, row.subjectId, row.payload as Record<string, unknown>));
}

/** The notice's title and text, as one string per part. */
export async function noticeWords(ctx: Ctx, row: typeof outbox.$inferSelect): Promise<{ title: string; text: string }> {
  const c = await deliveredNotice(ctx, row);
  return { title: plain(c.title), text: c.blocks.map((b) => ('text' in b ? plain(b.text as Parameters<typeof plain>[0]) : '')).join('\n') };
}
