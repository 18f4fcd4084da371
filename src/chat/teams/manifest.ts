/**
 * The Teams app manifest (manifest/teams/manifest.json) checked against the chat grammar, and
 * filled in for one deployment. Teams shows at most 10 commands per list, so the manifest names
 * the ten a field team reaches for first; each must be a router command with its router summary,
 * and `help` must be among them, since it lists the rest. The personal chat's list has `language`
 * too: that is where a person sets the language the bot writes to them in.
 */
import { z } from 'zod';
import type { Command } from '../../../commands/command.js';

export const MAX_COMMANDS = 10;
const TITLE_MAX = 32;
const DESCRIPTION_MAX = 128;
export const SCOPES = ['personal', 'team', 'groupChat'] as const;

const manifestSchema = z.object({
  manifestVersion: z.string(),
  version: z.string(),
  id: z.string(),
  name: z.object({ short: z.string().max(30), full: z.string().max(100) }),
  description: z.object({ short: z.string().max(80), full: z.string().max(4000) }),
  icons: z.object({ color: z.string(), outline: z.string() }),
  bots: z
    .array(
      z.object({
        botId: z.string(),
        scopes: z.array(z.enum(SCOPES)),
        commandLists: z.array(z.object({ scopes: z.array(z.enum(SCOPES)), commands: z.array(z.object({ title: z.string().max(TITLE_MAX), description: z.string().max(DESCRIPTION_MAX) })) })),
      }),
    )
    .length(1),
  webApplicationInfo: z.object({ id: z.string(), resource: z.string() }).optional(),
  authorization: z.object({ permissions: z.object({ resourceSpecific: z.array(z.object({ name: z.string(), type: z.enum(['Application', 'Delegated']) })) }) }).optional(),
});

/**
 * The resource-specific consent the app asks for when installed in a team or chat: reading the
 * messages of the team's channels and of the chat, so a card whose post may have reached Teams is
 * found in Graph (graph.ts) rather than posted twice.
 */
export const RSC_PERMISSIONS = ['ChannelMessage.Read.Group', 'ChatMessage.Read.Chat'] as const;

export type Manifest = z.infer<typeof manifestSchema>;

export function commandDescription(c: Command): string {
  return c.summary.length <= DESCRIPTION_MAX ? c.summary : `${c.summary.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/** What is out of step between the manifest and the router; empty when they agree. */
export function manifestProblems(json: unknown, commands: Command[]): string[] {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const out: string[] = [];
  const visible = commands.filter((c) => !c.terminalOnly);
  const byName = new Map(visible.map((c) => [c.name, c]));
  const bot = parsed.data.bots[0]!;
  const rsc = parsed.data.authorization?.permissions.resourceSpecific ?? [];
  for (const p of RSC_PERMISSIONS) if (!rsc.some((r) => r.name === p && r.type === 'Application')) out.push(`authorization: the resource-specific permission ${p} (Application) is missing`);
  if (rsc.length && parsed.data.webApplicationInfo?.id !== parsed.data.bots[0]!.botId) out.push('webApplicationInfo.id: must be the bot\'s App ID for resource-specific consent');
  for (const s of SCOPES) if (!bot.scopes.includes(s)) out.push(`bot scopes: ${s} is missing`);
  for (const s of SCOPES) if (!bot.commandLists.some((l) => l.scopes.includes(s))) out.push(`commandLists: no list for ${s}`);
  for (const list of bot.commandLists) {
    const where = `commandLists[${list.scopes.join(',')}]`;
    const titles = list.commands.map((c) => c.title);
    const want = Math.min(MAX_COMMANDS, visible.length);
    if (titles.length !== want) out.push(`${where}: lists ${titles.length} commands, should list ${want}`);
    if (!titles.includes('help')) out.push(`${where}: help is missing`);
    if (list.scopes.includes('personal') && byName.has('language') && !titles.includes('language')) out.push(`${where}: language is missing`);
    if (new Set(titles).size !== titles.length) out.push(`${where}: a command is listed twice`);
    for (const c of list.commands) {
      const cmd = byName.get(c.title);
      if (!cmd) out.push(`${where}: "${c.title}" is not a chat command`);
      else if (c.description !== commandDescription(cmd)) out.push(`${where}: "${c.title}" description differs from the router summary "${commandDescription(cmd)}"`);
    }
  }
  return out;
}

export interface Deployment {
  appId: string;
  botId: string;
  domain: string;
  version: string;
}

/** The manifest text with this deployment's ids, domain and version in place of the ${{...}} markers. */
export function fillManifest(template: string, d: Deployment): string {
  const values: Record<string, string> = { TEAMS_APP_ID: d.appId, BOT_ID: d.botId, BOT_DOMAIN: d.domain, APP_VERSION: d.version };
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (m, k: string) => values[k] ?? m);
  const left = /\$\{\{[A-Z_]+\}\}/.exec(filled);
  if (left) throw new Error(`manifest.json: no value for ${left[0]}`);
  return filled;
}
