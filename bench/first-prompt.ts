/**
 * Time to the first prompt of `npm start`: the built bot (build/main.js, as `npm start` runs it)
 * started with no settings, `/help` piped in, timed from spawn to its answer. "fresh" starts on an
 * empty DATA_DIR (copies the build's unpacked demo template with its history,
 * src/seed/demo-template.ts, and writes the six open jobs); "restart" on the same directory again.
 * On a Monday (until Tuesday 09:00) the first start also posts the five weekly digests.
 * The note gives the bot's CPU time to that answer too (user + system, from /proc on Linux): on a
 * machine shared with other work it moves far less than the wall time.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTemplate } from '../db/template.js';
import { buildBot, ROOT } from '../scripts/build.js';
import { ensureDemoTemplate } from '../src/seed/demo-template.js';
import { quantile, type BenchRow } from './lib.js';

const RUNS = 3;

/** The CPU seconds (user + system) process `pid` has used so far; undefined where /proc is not there. */
function cpuSeconds(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  // The fields after the command (in parentheses): utime and stime are the 12th and 13th, in clock ticks.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Answer {
  /** milliseconds from spawn to the answer to `/help` */
  ms: number;
  /** the bot's CPU seconds by then */
  cpu: number | undefined;
}

/** Time and CPU from spawn to the answer to `/help`. */
function firstAnswer(dataDir: string): Promise<Answer> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'build/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, PORT: '0' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.write('/help\n');
  return new Promise((resolve, reject) => {
    let out = '';
    let took: Answer | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (took === undefined && out.includes('== Commands ==')) {
        took = { ms: performance.now() - started, cpu: cpuSeconds(child.pid) };
        child.stdin.end();
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (took === undefined ? reject(new Error(`the bot exited (${code}) before answering /help`)) : resolve(took)));
  });
}

const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

function row(name: string, answers: Answer[]): BenchRow {
  const ms = answers.map((a) => a.ms);
  const cpu = answers.map((a) => a.cpu).filter((c) => c !== undefined);
  const cpuNote = cpu.length === answers.length ? `; the bot's CPU time to the answer (user + system): median ${median(cpu).toFixed(2)} s` : '';
  return { name, unit: 's', median: median(ms) / 1000, p95: Math.max(...ms) / 1000, target: '<= 3 s', pass: median(ms) <= 3000, note: `${ms.length} runs; p95 column is the slowest${cpuNote}` };
}

export async function benchFirstPrompt(): Promise<BenchRow[]> {
  await buildBot();
  await ensureTemplate();
  await ensureDemoTemplate();
  const fresh: Answer[] = [];
  const restart: Answer[] = [];
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
