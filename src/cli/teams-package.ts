/**
 * `npm run teams:package`: the Teams app package to upload (manifest.json with this deployment's
 * ids and domain, and the two icons), zipped into dist/contract-ops-teams.zip. Refuses to package
 * a manifest whose command list is out of step with the chat commands.
 *
 *   npm run teams:package [-- --app-id <guid>] [--domain bot.example.com] [--out <file.zip>]
 *   npm run teams:package -- --icons        redraw manifest/teams/color.png and outline.png
 *
 * The bot id is TEAMS_CLIENT_ID; the app id defaults to it; the domain defaults to PUBLIC_URL's host.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { allCommands } from '../../commands/index.js';
import { colorIcon, outlineIcon } from '../chat/teams/icons.js';
import { fillManifest, manifestProblems } from '../chat/teams/manifest.js';
import { zip } from '../chat/teams/zip.js';
import { ConfigError, parsePackageConfig } from '../config.js';
import { projectPath } from '../project-root.js';

const DIR = projectPath('manifest', 'teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class PackageError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

function fail(msg: string, code = 2): never {
  throw new PackageError(msg, code);
}

/**
 * Build the package from an environment and the command-line arguments; the message to print.
 * Reads TEAMS_CLIENT_ID and PUBLIC_URL only: no secret is needed to package.
 */
export async function teamsPackage(env: Record<string, string | undefined>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    return { code: 0, out: await build(env, args), err: '' };
  } catch (err) {
    if (err instanceof PackageError) return { code: err.code, out: '', err: `${err.message}\n` };
    if (err instanceof ConfigError) return { code: 2, out: '', err: `${err.message}\n` };
    throw err;
  }
}

async function build(env: Record<string, string | undefined>, args: string[]): Promise<string> {
  const { values } = parseArgs({ args, options: { 'app-id': { type: 'string' }, domain: { type: 'string' }, out: { type: 'string' }, icons: { type: 'boolean' } } });
  if (values.icons) {
    writeFileSync(join(DIR, 'color.png'), await colorIcon());
    writeFileSync(join(DIR, 'outline.png'), await outlineIcon());
    return 'wrote manifest/teams/color.png and outline.png\n';
  }
  const config = parsePackageConfig(env);
  const botId = config.TEAMS_CLIENT_ID;
  if (!botId) fail('Set TEAMS_CLIENT_ID to the Azure bot\'s Microsoft App ID (see docs/teams.md).');
  const appId = values['app-id'] ?? botId;
  if (!GUID.test(botId)) fail(`TEAMS_CLIENT_ID "${botId}" is not a GUID.`);
  if (!GUID.test(appId)) fail(`--app-id "${appId}" is not a GUID.`);
  const domain = values.domain ?? (config.PUBLIC_URL ? new URL(config.PUBLIC_URL).host : undefined);
  if (!domain) fail('Set PUBLIC_URL (https://your-bot-host) or pass --domain <host>: Teams needs the bot\'s domain.');

  const template = readFileSync(join(DIR, 'manifest.json'), 'utf8');
  const problems = manifestProblems(JSON.parse(template), allCommands());
  if (problems.length) fail(`manifest/teams/manifest.json is out of step with the chat commands:\n  ${problems.join('\n  ')}`, 1);
  const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };
  const manifest = fillManifest(template, { appId, botId, domain, version: pkg.version });

  const out = values.out ?? projectPath('dist', 'contract-ops-teams.zip');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    zip([
      { name: 'manifest.json', data: Buffer.from(manifest) },
      { name: 'color.png', data: readFileSync(join(DIR, 'color.png')) },
      { name: 'outline.png', data: readFileSync(join(DIR, 'outline.png')) },
    ]),
  );
  return `wrote ${relative(process.cwd(), out) || out}: upload it in Teams (Apps > Manage your apps > Upload an app)\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  teamsPackage(process.env, process.argv.slice(2)).then(
    (r) => {
      process.stdout.write(r.out);
      process.stderr.write(r.err);
      process.exitCode = r.code;
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
