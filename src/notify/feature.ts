/** Plain notices (a title and a text in the payload), posted by any feature through the outbox. */
import { card } from '../../cards/card.js';
import type { Feature } from '../feature.js';

export const noticesFeature = {
  name: 'notices',
  loaders: {
    notice: async (_ctx, _id, payload) => card('info', String(payload.title ?? 'Notice'), { blocks: [{ type: 'text', text: String(payload.text ?? '') }], visibility: 'channel' }),
  },
} satisfies Feature;
