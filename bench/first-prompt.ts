/**
 * Time to the first prompt of `npm start`: the built bot (build/main.js, as `npm start` runs it)
 * started with no settings, `/help` piped in, timed from spawn to its answer. "fresh" starts on an
 * empty DATA_DIR (copies the build's unpacked demo template with its history,
 * src/seed/demo-template.ts, and writes the six open jobs); "restart" on the same directory again.
 * On a Monday (until Tuesday 09:00) the first start also posts the five weekly digests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTemplate } from '../db/template.js';
import { buildBot, ROOT } from '../scripts/build.js';
import { ensureDemoTemplate } from '../src/seed/demo-template.js';
import type { BenchRow } from './lib.js';

const RUNS = 3;

/** Milliseconds from spawn to the answer to `/help`. */
function firstAnswer(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'build/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, PORT: '0' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.write('/help\n');
  return new Promise((resolve, reject) => {
    let out = '';
    let took: number | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (took === undefined && out.includes('== Commands ==')) {
        took = performance.now() - started;
        child.stdin.end();
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (took === undefined ? reject(new Error(`the bot exited (${code}) before answering /help`)) : resolve(took)));
  });
}

function row(name: string, ms: number[]): BenchRow {
  const s = [...ms].sort((a, b) => a - b);
  const median = s[Math.floor(s.length / 2)]!;
  return { name, unit: 's', median: median / 1000, p95: s.at(-1)! / 1000, target: '<= 3 s', pass: median <= 3000, note: `${ms.length} runs; p95 column is the slowest` };
}

export async function benchFirstPrompt(): Promise<BenchRow[]> {
  await buildBot();
  await ensureTemplate();
  await ensureDemoTemplate();
  const fresh: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'contract-ops-first-'));
    try {
      fresh.push(await firstAnswer(dir));
      restart.push(await firstAnswer(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [row('first prompt: fresh DATA_DIR (npm start after the build)', fresh), row('first prompt: restart', restart)];
}
