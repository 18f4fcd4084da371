/** Plain notices (a title and a text in the payload), posted by any feature through the outbox. */
import { card } from '../../cards/card.js';
import type { Feature } from '../feature.js';
import { givenJobCard, isGivenJob } from '../dispatch/given-notice.js';

export const noticesFeature = {
  name: 'notices',
  loaders: {
    notice: async (_ctx, _id, payload) =>
      isGivenJob(payload.given) ? givenJobCard(payload.given) : card('info', String(payload.title ?? 'Notice'), { blocks: [{ type: 'text', text: String(payload.text ?? '') }], visibility: 'channel' }),
  },
} satisfies Feature;
