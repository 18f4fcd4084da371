/** Privacy housekeeping: exported copies of people's data and documents do not outlive their links. */
import type { Feature } from '../feature.js';
import { deleteExpiredFiles } from './file-retention.js';

export const privacyFeature = {
  name: 'privacy',
  tasks: (_app, config) => [{ name: 'file-retention', cron: '0 7 * * * *', run: async (ctx) => deleteExpiredFiles(ctx, config.EXPORT_RETENTION_DAYS) }],
} satisfies Feature;
