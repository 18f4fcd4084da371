/**
 * The demo's PGlite template: the migrated database with the demo contracts, people and weeks of
 * history (demo-history.ts) already written, dumped at build time to build/pglite-demo.tar and
 * unpacked beside it (build/pglite-demo/, db/template.ts), so a first demo start copies that
 * folder instead of writing the history (a minute or more).
 * The history runs up to the start of the build's ISO week (Monday 00:00 UTC); its stamp names
 * the migrations, the demo's sources and that week, so a build in a new week writes it again and a
 * start in another week does not use it. The open jobs of "now" are written at the start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import { openDatabase } from '../../db/client.js';
import { currentUnpacked, dumpPglite, migrationsStamp, tarIsCurrent, unpackTemplate, writeTemplate } from '../../db/template.js';
import { createApp } from '../app.js';
import { FakeClock } from '../clock.js';
import { parseConfig } from '../config.js';
import { silentLogger } from '../log.js';
import { projectPath } from '../project-root.js';
import { seedDemo, EXAMPLES_DIR } from './demo.js';
import { seedDemoHistory, DEMO_WEEKS } from './demo-history.js';

export const DEMO_TEMPLATE_FILE = projectPath('build', 'pglite-demo.tar');

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

/** The unpacked template's folder when it was written by these sources in the week of `now`; else undefined. */
export function currentDemoTemplateDir(now: Date, tar = DEMO_TEMPLATE_FILE): string | undefined {
  return currentUnpacked(tar, stamp(now));
}

/** Write the template (and its folder) unless the one there is current; returns whether it was written. */
export async function ensureDemoTemplate(now = new Date(), tar = DEMO_TEMPLATE_FILE): Promise<boolean> {
  if (tarIsCurrent(tar, stamp(now))) {
    await unpackTemplate(tar, stamp(now));
    return false;
  }
  const end = demoWeekStart(now);
  const db = await openDatabase({});
  try {
    const config = parseConfig({ TERMINAL_CHAT: '0', SCHEDULER: '0', DATA_DIR: dirname(tar) });
    const app = createApp(config, db, new FakeClock(end), silentLogger, []);
    await seedDemo(app.ctx);
    await seedDemoHistory(app.ctx, { end, weeks: DEMO_WEEKS });
    await writeTemplate(tar, await dumpPglite(db), stamp(now));
  } finally {
    await db.close();
  }
  return true;
}

/** Whether the template tar is current for the week of `now` (the build says when it writes one). */
export const demoTemplateIsCurrent = (now: Date, tar = DEMO_TEMPLATE_FILE) => tarIsCurrent(tar, stamp(now));
