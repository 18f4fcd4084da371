/**
 * Builds the test template, run by global-setup as a plain node process (tsx): migrate, seed the
 * demo data at SEEDED_AT, keep the seeded rows aside (seed-state.ts). With a database URL it
 * fills that (empty) database; without, it writes a PGlite data-directory dump to the given file.
 *
 *   tsx test/support/make-template.ts --url postgres://.../template
 *   tsx test/support/make-template.ts --dump /tmp/x/pglite.tar
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client.js';
import { createApp } from '../../src/app.js';
import { FakeClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { seedDemo } from '../../src/seed/demo.js';
import { recordSeed, SEEDED_AT } from './seed-state.js';

const { values } = parseArgs({ options: { url: { type: 'string' }, dump: { type: 'string' } } });
const db = await openDatabase(values.url ? { url: values.url, max: 1 } : {});
const config = parseConfig({ TERMINAL_CHAT: '0', SCHEDULER: '0', ACTION_SECRET: 'test-action-secret', DATA_DIR: '/tmp/contract-ops-test' });
await seedDemo(createApp(config, db, new FakeClock(new Date(SEEDED_AT)), silentLogger, ['shell']).ctx);
await recordSeed(db);
if (values.dump) {
  const pg = (db.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  writeFileSync(values.dump, Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer()));
}
await db.close();
