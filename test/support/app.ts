/**
 * The test kit: an App on a fresh test database (PGlite or the real server), a fake clock, a
 * silent logger, the demo contracts and people. `as(handle)` gives a ctx acting as a demo person.
 */
import { createApp, type App } from '../../src/app.js';
import { FakeClock } from '../../src/clock.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { Ctx, Platform } from '../../src/context.js';
import { silentLogger } from '../../src/log.js';
import { personByHandle } from '../../src/people/person.js';
import { testDatabase } from './db.js';
import { restoreSeed, SEEDED_AT, truncateAll } from './seed-state.js';
import type { Database } from '../../db/client.js';

export interface TestKit {
  app: App;
  db: Database & { url?: string };
  clock: FakeClock;
  config: Config;
  as(handle: string, via?: Platform): Promise<Ctx>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function testKit(opts: { env?: Record<string, string>; platforms?: Platform[]; now?: string; seed?: boolean } = {}): Promise<TestKit> {
  const seeded = opts.seed !== false;
  const db = await testDatabase({ empty: !seeded });
  const clock = new FakeClock(new Date(opts.now ?? SEEDED_AT));
  const config = parseConfig({ TERMINAL_CHAT: '0', SCHEDULER: '0', ACTION_SECRET: 'test-action-secret', DATA_DIR: '/tmp/contract-ops-test', ...opts.env });
  const app = createApp(config, db, clock, silentLogger, opts.platforms ?? ['shell']);
  const kit: TestKit = {
    app,
    db,
    clock,
    config,
    async as(handle, via = 'shell') {
      const person = await personByHandle(app.ctx.root, handle);
      if (!person) throw new Error(`no demo person ${handle}`);
      return { ...app.ctx, actor: { via, person, label: `${person.name} (${via})` } };
    },
    async reset() {
      if (seeded) await restoreSeed(db);
      else await truncateAll(db);
    },
    close: () => db.close(),
  };
  return kit;
}
