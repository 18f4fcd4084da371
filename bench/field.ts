/**
 * The technician's checklist page on a slow mobile link: bytes transferred for the page and its
 * script, and when it first paints, in Debian's Chromium with the network throttled the way
 * DevTools' original "Slow 3G" preset did (400 ms latency, 400 kbit/s down and up). Each run is a
 * fresh browser context (nothing cached, no service worker yet): the first open on site.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import { jobs } from '../db/schema.js';
import { openDatabase } from '../db/client.js';
import { createApp } from '../src/app.js';
import { FakeClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { startHttp } from '../src/http.js';
import { assignJob } from '../src/jobs/assign-job.js';
import { createJob } from '../src/jobs/create-job.js';
import { silentLogger } from '../src/log.js';
import { personByHandle } from '../src/people/person.js';
import { seedDemo } from '../src/seed/demo.js';
import { publicLink } from '../src/web/links.js';
import { quantile, type BenchRow } from './lib.js';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 7;
const MAX_KB = 100;
const MAX_PAINT_MS = 1000;
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

export async function benchField(): Promise<BenchRow[]> {
  const name = 'field.checklist page, first open';
  if (!existsSync(CHROMIUM)) return [{ name, unit: 'KB', median: NaN, p95: NaN, target: `< ${MAX_KB} KB`, note: `skipped: ${CHROMIUM} not found` }];
  const database = await openDatabase({});
  const config = parseConfig({ TERMINAL_CHAT: '0', SCHEDULER: '0', ACTION_SECRET: 'bench', PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'contract-ops-bench-field-')) });
  const app = createApp(config, database, new FakeClock(new Date('2026-11-23T09:00:00Z')), silentLogger, []);
  const http = await startHttp(app, config, silentLogger);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost'] });
  try {
    await seedDemo(app.ctx);
    const dana = await personByHandle(app.ctx.root, 'dana');
    const tom = await personByHandle(app.ctx.root, 'tom');
    const ctx = { ...app.ctx, actor: { via: 'shell' as const, person: dana!, label: 'bench' } };
    const { ref } = await createJob(ctx, { contract: 'PETRA-OG', site: 'PIPE-KP112', priority: 'P2', summary: 'Valve passing', taskCode: 'VALVE-SVC' });
    await assignJob(ctx, { job: ref, technician: 'tom' });
    const [job] = await database.db.select().from(jobs).where(eq(jobs.ref, ref));
    const url = publicLink({ publicUrl: `http://localhost:${http.port}`, actionSecret: app.ctx.services.actionSecret }, { p: 'check', j: job!.id, u: tom!.id }, app.ctx.clock.now())!;
    const kb: number[] = [];
    const paint: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('html[data-offline-ready="1"]');
      const fcp = await page.evaluate(() => {
        const p = performance.getEntriesByName('first-contentful-paint')[0];
        return p ? p.startTime : NaN;
      });
      kb.push(bytes / 1024);
      paint.push(fcp);
      await context.close();
    }
    kb.sort((a, b) => a - b);
    paint.sort((a, b) => a - b);
    const throttled = 'throttled to 400 ms latency, 400 kbit/s (DevTools\' original "Slow 3G"), 360 px wide, nothing cached';
    return [
      { name: `${name}: bytes transferred (page, script, service worker, caching it)`, unit: 'KB', median: quantile(kb, 0.5), p95: quantile(kb, 0.95), target: `< ${MAX_KB} KB`, pass: quantile(kb, 0.95) < MAX_KB, note: `${RUNS} runs; ${throttled}` },
      { name: `${name}: first contentful paint, Slow 3G-like`, unit: 'ms', median: quantile(paint, 0.5), p95: quantile(paint, 0.95), target: `< ${MAX_PAINT_MS} ms`, pass: quantile(paint, 0.95) < MAX_PAINT_MS, note: `${RUNS} runs; ${throttled}; one round trip for the page, the script is deferred` },
    ];
  } finally {
    await browser.close();
    await http.close();
    await database.close();
  }
}
