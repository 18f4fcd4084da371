/**
 * Export files do not outlive their links: a person's `/mydata export` files and an invoice PDF
 * written for chat are deleted by the `file-retention` task once EXPORT_RETENTION_DAYS old, by the
 * app's clock; uploaded photos and files (records) are never touched.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../proof/helpers.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
let dir: string;
beforeAll(async () => {
  dir = tempDir('retention');
  kit = await testKit({ now: '2026-11-02T09:00:00Z', env: { ATTACHMENTS_DIR: dir, EXPORT_RETENTION_DAYS: '7' } });
});
afterAll(async () => kit?.close());

function runRetention(): Promise<unknown> {
  const task = kit.app.features.tasks(kit.app, kit.config).find((t) => t.name === 'file-retention');
  if (!task) throw new Error('no file-retention task');
  return task.run(kit.app.ctx);
}

describe('export file retention', () => {
  it('deletes a person\'s export files once their retention has passed, and nothing else', async () => {
    const cards = await kit.app.dispatch(await kit.as('tom'), '/mydata export');
    const files = cards[0]!.blocks.flatMap((b) => (b.type === 'file' ? [b.path] : []));
    expect(files).toHaveLength(2);
    const record = join(dir, 'photos-kept.png');
    writeFileSync(record, 'a stored upload');
    mkdirSync(join(dir, 'invoices'), { recursive: true });

    // A day short of the retention: kept.
    kit.clock.set('2026-11-08T09:00:00Z');
    await runRetention();
    expect(files.every((f) => existsSync(f))).toBe(true);

    // Seven days after the export (the life of a file link): deleted; the upload is kept.
    kit.clock.set('2026-11-09T09:00:01Z');
    await runRetention();
    expect(files.filter((f) => existsSync(f))).toEqual([]);
    expect(existsSync(record)).toBe(true);

    // A newer export is kept by the same run's rule.
    const again = (await kit.app.dispatch(await kit.as('tom'), '/mydata export'))[0]!.blocks.flatMap((b) => (b.type === 'file' ? [b.path] : []));
    await runRetention();
    expect(again.every((f) => existsSync(f))).toBe(true);
  });

  it('refuses a retention setting that is not a whole number of days', async () => {
    const { parseConfig } = await import('../../src/config.js');
    expect(() => parseConfig({ EXPORT_RETENTION_DAYS: '0', TERMINAL_CHAT: '0' })).toThrow(/EXPORT_RETENTION_DAYS/);
  });
});
