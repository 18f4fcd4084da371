/**
 * The Slack app manifest, derived from the router: one slash command per chat command (terminal-only
 * ones excluded), the scopes the adapter calls need, and both transports (HTTP request URLs and the
 * Socket Mode flag). manifest/slack.yaml is this, written out; a test keeps the two in step.
 * Print it for your public URL: npm run slack:manifest -- https://bot.example.com [--socket]
 * Regenerate the committed one: npm run slack:manifest --silent > manifest/slack.yaml
 */
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { clip } from '../../../cards/slack.js';
import type { Command } from '../../../commands/command.js';

/** What each scope is for; a scope without a caller here does not belong in the manifest. */
export const BOT_SCOPES = {
  commands: 'slash commands',
  'chat:write': 'replies, alerts, approval requests, digests; chat.update after a click',
  'chat:write.public': 'post alerts to a bound public channel the bot was not invited to',
  'users:read': 'users.info, to link a Slack user to a person',
  'users:read.email': 'the e-mail in users.info, which is what links the person',
  'im:write': 'conversations.open for direct messages (escalations, reassignments)',
  'im:history': 'files sent to the bot in a direct message (/attach, /contract amend); conversations.history to find a direct message an interrupted delivery posted',
  'channels:history': 'conversations.history: after an interrupted delivery, find the card already posted (by its outbox metadata) instead of posting it twice',
  'groups:history': 'the same in a private channel',
  'files:read': 'download those files',
  'files:write': 'files.uploadV2 for charts and reports next to a card',
} as const;

export const BOT_EVENTS = ['app_home_opened', 'message.im'] as const;

/** Slack's manifest schema (slackapi/manifest-schema, v1): lengths of a slash command's texts. */
export const SLACK_MANIFEST_LIMITS = { commandDescription: 2000, usageHint: 1000 } as const;

/** The host the committed manifest names; an admin prints their own with their public URL. */
export const EXAMPLE_BASE_URL = 'https://contract-ops.example.com';

/**
 * What Slack shows after the command name while typing: the subcommands when every form starts
 * with one (`list | show | amend`), otherwise the first form followed by the subcommands.
 */
export function usageHint(c: Command): string {
  const forms = c.usage
    .filter((u) => u.startsWith(`/${c.name}`))
    .map((u) => (u.slice(c.name.length + 1).split(/\s{2,}/)[0] ?? '').trim())
    .filter(Boolean);
  const heads = [...new Set(forms.map((f) => f.split(/\s+/)[0]!))];
  const literal = heads.filter((h) => !/[<[]/.test(h));
  if (literal.length === heads.length) return clip(literal.join(' | '), SLACK_MANIFEST_LIMITS.usageHint);
  const first = forms.find((f) => /[<[]/.test(f.split(/\s+/)[0]!))!;
  return clip([first, ...literal].join(' | '), SLACK_MANIFEST_LIMITS.usageHint);
}

export function slackCommands(commands: Command[]): Command[] {
  return commands.filter((c) => !c.terminalOnly);
}

export function slackManifest(commands: Command[], baseUrl = EXAMPLE_BASE_URL, socketMode = false): Record<string, unknown> {
  const url = `${baseUrl.replace(/\/$/, '')}/slack/events`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'contract-ops',
      description: 'Service contracts as live rules: jobs, SLA alerts, approvals, time and invoices.',
      background_color: '#1f3a5f',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'contract-ops', always_online: true },
      slash_commands: slackCommands(commands).map((c) => ({
        command: `/${c.name}`,
        url,
        description: clip(c.summary, SLACK_MANIFEST_LIMITS.commandDescription),
        usage_hint: usageHint(c),
        // Mentions arrive as <@U…|name> and channels as <#C…|name>: ids, not display names.
        should_escape: true,
      })),
    },
    oauth_config: { scopes: { bot: Object.keys(BOT_SCOPES) } },
    settings: {
      event_subscriptions: { request_url: url, bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}

export function slackManifestYaml(commands: Command[], baseUrl?: string, socketMode?: boolean): string {
  const head = [
    '# Slack app manifest for contract-ops. Create the app at https://api.slack.com/apps → "From a manifest".',
    baseUrl && baseUrl !== EXAMPLE_BASE_URL
      ? `# Every request URL points at ${baseUrl.replace(/\/$/, '')}/slack/events.`
      : '# HTTP mode: print this with your public URL instead: npm run slack:manifest -- https://bot.example.com',
    socketMode ? '# Socket Mode: create an app-level token with connections:write (no public URL needed).' : '# Socket Mode instead: add --socket (then create an app-level token with connections:write).',
    '# Generated from the command router: npm run slack:manifest --silent > manifest/slack.yaml',
    '',
  ].join('\n');
  return head + stringify(slackManifest(commands, baseUrl, socketMode), { lineWidth: 0 });
}

export const MANIFEST_USAGE = 'usage: npm run slack:manifest -- [https://your-public-host] [--socket]';

/** `npm run slack:manifest -- <public URL> [--socket]`: the manifest on stdout, or why not. */
export function manifestCli(argv: string[], commands: Command[]): { out: string; err: string; code: number } {
  const socket = argv.includes('--socket');
  const rest = argv.filter((a) => a !== '--socket');
  if (rest.length > 1 || rest.some((a) => a.startsWith('-'))) return { out: '', err: `${MANIFEST_USAGE}\n`, code: 2 };
  const base = rest[0];
  if (base !== undefined) {
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      return { out: '', err: `"${base}" is not a URL: give the public address Slack reaches the bot at, e.g. https://bot.example.com\n${MANIFEST_USAGE}\n`, code: 2 };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { out: '', err: `"${base}" must start with https:// (Slack only posts to https URLs)\n`, code: 2 };
    if (url.search || url.hash) return { out: '', err: `"${base}": give the base URL only; the bot adds /slack/events\n`, code: 2 };
  }
  return { out: slackManifestYaml(commands, base, socket), err: '', code: 0 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { allCommands } = await import('../../../commands/index.js');
  const r = manifestCli(process.argv.slice(2), allCommands());
  process.stdout.write(r.out);
  process.stderr.write(r.err);
  process.exitCode = r.code;
}
