/**
 * Files the bot writes under ATTACHMENTS_DIR for people to fetch (a person's data export, an
 * invoice or renewal PDF for chat) are copies: the database keeps what they were made from. They are
 * deleted once they are EXPORT_RETENTION_DAYS old (by default the life of a file link, 7 days), by
 * the `file-retention` task. A file's age is its modification time, set from the app's clock when
 * it is written.
 */
import { existsSync, readdirSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../context.js';

/** The folders of ATTACHMENTS_DIR that hold such copies; uploaded photos and files are records, never here. */
export const EXPIRING_FILE_DIRS = ['exports', 'invoices', 'renewals'] as const;

const DAY_MS = 24 * 60 * 60_000;

/** Date a file just written by the app's clock, so its retention runs on the same clock as everything else. */
export function stampWritten(ctx: Ctx, ...paths: string[]): void {
  const now = ctx.clock.now();
  for (const p of paths) utimesSync(p, now, now);
}

/** Delete the copies older than `keepDays`; returns the paths deleted. */
export function deleteExpiredFiles(ctx: Ctx, keepDays: number): string[] {
  const cutoff = ctx.clock.now().getTime() - keepDays * DAY_MS;
  const deleted: string[] = [];
  for (const d of EXPIRING_FILE_DIRS) {
    const dir = join(ctx.services.attachmentsDir, d);
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isFile()) continue;
      const path = join(dir, e.name);
      try {
        if (statSync(path).mtimeMs > cutoff) continue;
        unlinkSync(path);
        deleted.push(path);
      } catch (err) {
        // Deleted meanwhile by another replica, or unreadable: the next run looks again.
        ctx.log.warn({ err: (err as Error).message, path }, 'expired file not deleted');
      }
    }
  }
  if (deleted.length) ctx.log.info({ deleted: deleted.length, keepDays }, 'expired export files deleted');
  return deleted;
}
