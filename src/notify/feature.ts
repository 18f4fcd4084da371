/**
 * Notices posted by any feature through the outbox, worded on delivery in the reader's language:
 * a job given to a technician, a notice kept as data (src/notify/notice.ts), or a row queued with
 * its title and text already written.
 */
import type { Feature } from '../feature.js';
import { givenJobCard, isGivenJob } from '../dispatch/given-notice.js';
import { noticeCard } from './notice-card.js';

export const noticesFeature = {
  name: 'notices',
  loaders: {
    notice: async (ctx, _id, payload) => (isGivenJob(payload.given) ? givenJobCard(payload.given) : noticeCard(ctx, payload)),
  },
} satisfies Feature;
