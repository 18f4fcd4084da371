/**
 * The demo's PGlite template: the migrated database with the demo contracts, people and weeks of
 * history (demo-history.ts) already written, dumped at build time to build/pglite-demo.tar, so a
 * first demo start loads it (about a second) instead of writing the history (a minute or more).
 * The history runs up to the start of the build's ISO week (Monday 00:00 UTC); its stamp names
 * the migrations, the demo's sources and that week, so a build in a new week writes it again and a
 * start in another week does not use it. The open jobs of "now" are written at the start.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import { openDatabase } from '../../db/client.js';
import { migrationsStamp } from '../../db/template.js';
import { createApp } from '../app.js';
import { FakeClock } from '../clock.js';
import { parseConfig } from '../config.js';
import { silentLogger } from '../log.js';
import { projectPath } from '../project-root.js';
import { seedDemo, EXAMPLES_DIR } from './demo.js';
import { seedDemoHistory, DEMO_WEEKS } from './demo-history.js';

export const DEMO_TEMPLATE_FILE = projectPath('build', 'pglite-demo.tar');
const stampFile = (tar: string) => `${tar}.stamp`;

/** Monday 00:00 UTC of the week holding `now`: where the template's history ends. */
export function demoWeekStart(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('week').toJSDate();
}

function stamp(now: Date): string {
  const h = createHash('sha256').update(migrationsStamp());
  for (const dir of [projectPath('src', 'seed'), EXAMPLES_DIR]) {
    for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  }
  return `${h.digest('hex')} ${demoWeekStart(now).toISOString()}`;
}

/** The template's bytes when it was written by these sources in the week of `now`; else undefined. */
export function currentDemoTemplate(now: Date, tar = DEMO_TEMPLATE_FILE): Blob | undefined {
  if (!existsSync(tar) || !existsSync(stampFile(tar))) return undefined;
  if (readFileSync(stampFile(tar), 'utf8').trim() !== stamp(now)) return undefined;
  return new Blob([readFileSync(tar)]);
}

/** Write the template unless the one there is current; returns whether it was written. */
export async function ensureDemoTemplate(now = new Date(), tar = DEMO_TEMPLATE_FILE): Promise<boolean> {
  if (currentDemoTemplate(now, tar)) return false;
  const end = demoWeekStart(now);
  const db = await openDatabase({});
  try {
    const config = parseConfig({ TERMINAL_CHAT: '0', SCHEDULER: '0', DATA_DIR: dirname(tar) });
    const app = createApp(config, db, new FakeClock(end), silentLogger, []);
    await seedDemo(app.ctx);
    await seedDemoHistory(app.ctx, { end, weeks: DEMO_WEEKS });
    const pg = (db.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const dump = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
    mkdirSync(dirname(tar), { recursive: true });
    writeFileSync(`${tar}.tmp`, dump);
    renameSync(`${tar}.tmp`, tar);
    writeFileSync(stampFile(tar), `${stamp(now)}\n`);
  } finally {
    await db.close();
  }
  return true;
}
