/**
 * The environment, parsed once. Nothing else in the code reads `process.env`: factories receive
 * the Config they need. A wrong value stops the process with a message naming the variable.
 */
import { z } from 'zod';
import { LANGS } from './i18n/lang.js';
import { readDuration } from './i18n/duration-reading.js';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A length of time like 4h or 1d12h; a value that cannot be one stops the process with the reason. */
const durationSetting = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((v, c) => {
      const r = readDuration(v);
      if (!r) c.addIssue({ code: 'custom', message: `"${v}" is not a duration like 4h, 90m or 1d12h` });
      else if ('problem' in r) c.addIssue({ code: 'custom', message: r.problem });
      else if (r.minutes === 0) c.addIssue({ code: 'custom', message: 'must be longer than 0m' });
    });

export const configSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: optionalText.pipe(z.url('must be a URL like https://bot.example.com').optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** the terminal chat: on by default when no chat platform is configured */
  TERMINAL_CHAT: optionalText.pipe(bool.optional()),
  TERMINAL_USER: z.string().default('dana'),
  SEED_DEMO: optionalText.pipe(bool.optional()),
  /** with SEED_DEMO: the demo's weeks of past work and its open jobs (src/seed/demo-history.ts) */
  DEMO_HISTORY: optionalText.pipe(bool.optional()),
  ADMIN_EMAIL: optionalText.pipe(z.email('must be an e-mail address').optional()),
  DEFAULT_ZONE: z.string().default('UTC'),
  /** the language the bot writes in for people and teams that set none: en or fr */
  DEFAULT_LANGUAGE: z.enum(LANGS, { error: 'must be en or fr' }).default('en'),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
  /** the one workspace (T…) or Enterprise Grid organisation (E…) served; unset: auth.test's at start */
  SLACK_TEAM_ID: optionalText.pipe(z.string().regex(/^[TE][A-Z0-9]+$/, 'must be a Slack team id (T…) or enterprise id (E…)').optional()),
  TEAMS_CLIENT_ID: optionalText,
  TEAMS_CLIENT_SECRET: optionalText,
  TEAMS_TENANT_ID: optionalText,
  /**
   * A managed identity instead of TEAMS_CLIENT_SECRET: its client id (the bot's own App ID for a
   * bot of type User-Assigned Managed Identity; another identity's id, or `system`, for a federated
   * credential on the app registration). The SDK's `managedIdentityClientId`.
   */
  TEAMS_MANAGED_IDENTITY_CLIENT_ID: optionalText.pipe(
    z
      .string()
      .regex(/^(system|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'must be a managed identity client id (a GUID) or "system"')
      .optional(),
  ),
  TEAMS_SERVICE_URL: optionalText.pipe(z.url().optional()),
  /** Microsoft Graph's root (https://graph.microsoft.com unless set; tests point it at a fake) */
  TEAMS_GRAPH_URL: optionalText.pipe(z.url().optional()),
  /** signs button payloads; derived from the platform secrets when unset */
  ACTION_SECRET: optionalText,
  SCHEDULER: optionalText.pipe(bool.optional()),
  MONITOR_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  SMTP_URL: optionalText.pipe(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional()),
  MAIL_FROM: z.string().default('contract-ops <bot@contract-ops.invalid>'),
  ATTACHMENTS_DIR: optionalText,
  MAX_ATTACHMENT_MB: z.coerce.number().min(1).max(100).default(10),
  APPROVAL_REMIND_AFTER: durationSetting('4h'),
  APPROVAL_EXPIRE_AFTER: durationSetting('72h'),
  DIGEST_LOCAL_TIME: z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun) \d{2}:\d{2}$/, 'must look like "mon 09:00"').default('mon 09:00'),
  RECURRING_HORIZON_DAYS: z.coerce.number().int().min(1).max(366).default(14),
  EXPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(366).default(7),
  ISSUER_FILE: z.string().default('examples/issuer.yaml'),
});

export type Env = z.infer<typeof configSchema>;

export interface Config extends Env {
  slack: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string; teamId?: string } | undefined;
  /**
   * Teams with credentials (every activity's token validated): a client secret, or a managed
   * identity (`managedIdentityClientId`), never both.
   */
  teams: { clientId: string; clientSecret?: string; managedIdentityClientId?: string; tenantId?: string; serviceUrl?: string } | undefined;
  shell: boolean;
  scheduler: boolean;
  seedDemo: boolean;
  demoHistory: boolean;
  attachmentsDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parse an environment (process.env in main.ts, a plain object in tests). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  problems.push(...teamsProblems(e));
  if (problems.length) throw new ConfigError(problems);
  const slack = e.SLACK_BOT_TOKEN
    ? {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET ?? '',
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        teamId: e.SLACK_TEAM_ID,
      }
    : undefined;
  const teams = e.TEAMS_CLIENT_ID
    ? {
        clientId: e.TEAMS_CLIENT_ID,
        ...(e.TEAMS_CLIENT_SECRET ? { clientSecret: e.TEAMS_CLIENT_SECRET } : { managedIdentityClientId: e.TEAMS_MANAGED_IDENTITY_CLIENT_ID }),
        tenantId: e.TEAMS_TENANT_ID,
        serviceUrl: e.TEAMS_SERVICE_URL,
      }
    : undefined;
  return {
    ...e,
    slack,
    teams,
    // Teams development mode (service URL only) is a chat platform too: no terminal by default.
    shell: e.TERMINAL_CHAT ?? (!slack && !teams && !e.TEAMS_SERVICE_URL),
    scheduler: e.SCHEDULER ?? true,
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    demoHistory: e.DEMO_HISTORY ?? true,
    attachmentsDir: e.ATTACHMENTS_DIR ?? `${e.DATA_DIR}/attachments`,
  };
}

/**
 * Teams credentials that do not add up. Any credential set means Teams with token validation;
 * the unauthenticated development mode is only ever TEAMS_SERVICE_URL with no credential at all,
 * so a half-configured bot stops here rather than starting open.
 */
function teamsProblems(e: Env): string[] {
  const out: string[] = [];
  const mi = e.TEAMS_MANAGED_IDENTITY_CLIENT_ID;
  if (!e.TEAMS_CLIENT_ID) {
    if (e.TEAMS_CLIENT_SECRET) out.push('TEAMS_CLIENT_ID: is required with TEAMS_CLIENT_SECRET (the bot\'s Microsoft App ID)');
    if (mi) out.push('TEAMS_CLIENT_ID: is required with TEAMS_MANAGED_IDENTITY_CLIENT_ID (the bot\'s Microsoft App ID; for a bot of type User-Assigned Managed Identity, the identity\'s client id)');
    if (e.TEAMS_TENANT_ID && !e.TEAMS_CLIENT_SECRET && !mi) out.push('TEAMS_CLIENT_ID: is required with TEAMS_TENANT_ID');
    return out;
  }
  if (e.TEAMS_CLIENT_SECRET && mi) out.push('TEAMS_MANAGED_IDENTITY_CLIENT_ID: set either it or TEAMS_CLIENT_SECRET, not both');
  if (!e.TEAMS_CLIENT_SECRET && !mi) out.push('TEAMS_CLIENT_SECRET: is required with TEAMS_CLIENT_ID (or set TEAMS_MANAGED_IDENTITY_CLIENT_ID to use a managed identity)');
  if (mi && !e.TEAMS_TENANT_ID) out.push('TEAMS_TENANT_ID: is required with TEAMS_MANAGED_IDENTITY_CLIENT_ID (managed-identity bots are single-tenant)');
  // Without a client secret nothing shared is left to derive the button key from: each process
  // would sign with its own, and buttons posted by another replica or before a restart would fail.
  if (mi && !e.ACTION_SECRET && !e.SLACK_SIGNING_SECRET) out.push('ACTION_SECRET: is required with TEAMS_MANAGED_IDENTITY_CLIENT_ID (there is no client secret to derive the button key from); use a long random value, the same on every replica');
  return out;
}

/**
 * What `npm run teams:package` reads: the bot's App ID and the public URL. Packaging needs no
 * secret and starts nothing, so the rest of the configuration (TEAMS_CLIENT_SECRET…) is not
 * checked here; only these two are, with the same rules as at start.
 */
export function parsePackageConfig(env: Record<string, string | undefined>): { TEAMS_CLIENT_ID?: string; PUBLIC_URL?: string } {
  const parsed = configSchema.pick({ TEAMS_CLIENT_ID: true, PUBLIC_URL: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return { ...(parsed.data.TEAMS_CLIENT_ID ? { TEAMS_CLIENT_ID: parsed.data.TEAMS_CLIENT_ID } : {}), ...(parsed.data.PUBLIC_URL ? { PUBLIC_URL: parsed.data.PUBLIC_URL } : {}) };
}

/**
 * What is allowed but unwise in production (a chat platform configured), logged at start: button
 * payloads signed with a key derived from a platform secret change meaning when that secret is
 * rotated, and anyone holding the platform secret can forge a button.
 */
export function startupWarnings(config: Config): string[] {
  const out: string[] = [];
  if ((config.slack || config.teams) && !config.ACTION_SECRET) {
    const from = config.slack?.signingSecret ? 'SLACK_SIGNING_SECRET' : 'TEAMS_CLIENT_SECRET';
    out.push(`ACTION_SECRET is not set: button payloads are signed with a key derived from ${from}. Set ACTION_SECRET to a long random value of its own (the same on every replica), so rotating ${from} does not break posted buttons and that secret alone cannot forge one.`);
  }
  return out;
}

/** Names of settings whose values must never be printed. */
export const SECRET_KEYS = [
  'DATABASE_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'TEAMS_CLIENT_SECRET',
  'ACTION_SECRET',
  'SMTP_URL',
] as const;
