/**
 * The bot as a child process of a test, fed on stdin: its output collected, stopped by its own PID
 * if it hangs (a hung bot must not hang the suite).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export interface ChildRun {
  child: ChildProcessWithoutNullStreams;
  /** stdout so far */
  out(): string;
  /** exit code and everything it printed */
  done: Promise<{ code: number | null; out: string; err: string }>;
}

export function startChild(args: string[], cwd: string, env: Record<string, string>, killAfterMs = 90_000): ChildRun {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
  return { child, out: () => out, done };
}
