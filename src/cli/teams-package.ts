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
import { allCommands } from '../../commands/index.js';
import { colorIcon, outlineIcon } from '../chat/teams/icons.js';
import { fillManifest, manifestProblems } from '../chat/teams/manifest.js';
import { zip } from '../chat/teams/zip.js';
import { ConfigError, parseConfig } from '../config.js';
import { projectPath } from '../project-root.js';

const DIR = projectPath('manifest', 'teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(msg: string, code = 2): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'app-id': { type: 'string' }, domain: { type: 'string' }, out: { type: 'string' }, icons: { type: 'boolean' } } });
  if (values.icons) {
    writeFileSync(join(DIR, 'color.png'), await colorIcon());
    writeFileSync(join(DIR, 'outline.png'), await outlineIcon());
    process.stdout.write('wrote manifest/teams/color.png and outline.png\n');
    return;
  }
  const config = parseConfig(process.env);
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
  process.stdout.write(`wrote ${relative(process.cwd(), out) || out}: upload it in Teams (Apps > Manage your apps > Upload an app)\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
});
