/**
 * `npm run teams:playground`: try the Teams bot locally in one command. Starts the bot in Teams
 * development mode (no credentials, local traffic only, no terminal chat) on PORT, waits until it
 * answers, then opens the Microsoft 365 Agents Playground (Microsoft's offline Teams client) on
 * PLAYGROUND_PORT (56150) as Lee Lead (manifest/teams/playground.yml). Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ConfigError, parseConfig } from '../config.js';
import { PROJECT_ROOT, projectPath } from '../project-root.js';

const PLAYGROUND_CLI = projectPath('node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

const children: ChildProcess[] = [];

function stopAll(code: number): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  process.exitCode = code;
}

/**
 * Why the Playground cannot have its port, or undefined when it is free. The Playground moves to
 * another port when its own is busy, while the bot keeps replying to the one in TEAMS_SERVICE_URL
 * ("connector error 501"): so the port is checked first and a busy one stops the start.
 */
export async function playgroundPortProblem(port: number): Promise<string | undefined> {
  const inUse = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, () => probe.close(() => resolve(false)));
  });
  if (!inUse) return undefined;
  return `Port ${port} (PLAYGROUND_PORT) is in use, perhaps by a Playground still running: stop it, or run on another port: PLAYGROUND_PORT=${port + 1} npm run teams:playground`;
}

async function main(): Promise<void> {
  const pgPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
  const busy = await playgroundPortProblem(pgPort);
  if (busy) throw new Error(busy);
  const env = { ...process.env, TERMINAL_CHAT: '0', TEAMS_SERVICE_URL: `http://localhost:${pgPort}/_connector` };
  const config = parseConfig(env);
  if (config.teams) throw new Error('The Playground runs the bot without credentials: unset TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET (or TEAMS_MANAGED_IDENTITY_CLIENT_ID) for this command.');
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
  children.push(bot);
  bot.on('exit', (code) => stopAll(code ?? 1));
  const health = `http://127.0.0.1:${config.PORT}/healthz`;
  process.stdout.write(`starting the bot on port ${config.PORT} (first run: migrating and seeding the demo)...\n`);
  for (let i = 0; ; i++) {
    if (bot.exitCode !== null) return;
    if (await fetch(health).then((r) => r.ok, () => false)) break;
    if (i > 600) throw new Error(`the bot did not answer on ${health}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  const playground = spawn(process.execPath, [PLAYGROUND_CLI, '-e', `http://localhost:${config.PORT}/api/messages`, '-c', 'msteams', '--dt', '-p', String(pgPort)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, M365_AGENTS_PLAYGROUND_CONFIG_PATH: projectPath('manifest', 'teams', 'playground.yml') },
    stdio: 'inherit',
  });
  children.push(playground);
  playground.on('exit', (code) => stopAll(code ?? 0));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
    stopAll(1);
  });
}
