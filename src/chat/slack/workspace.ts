/**
 * The one Slack workspace (or Enterprise Grid organisation) this bot is installed in, and a Bolt
 * middleware that refuses requests from any other before a person is looked up. The installed
 * workspace is `SLACK_TEAM_ID` when set, otherwise what `auth.test` answers for the bot token.
 */
import type { AnyMiddlewareArgs, Middleware, webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { t } from '../../i18n/t.js';

export interface Installed {
  teamId?: string;
  enterpriseId?: string;
  /** installed org-wide: every workspace of the organisation is served */
  orgWide: boolean;
}

/** The installed workspace, learned once; a failed `auth.test` is asked again on the next request. */
export function installedWorkspace(client: webApi.WebClient, configured: string | undefined): () => Promise<Installed> {
  if (configured) {
    const fixed: Installed = configured.startsWith('E') ? { enterpriseId: configured, orgWide: true } : { teamId: configured, orgWide: false };
    return () => Promise.resolve(fixed);
  }
  let known: Promise<Installed> | undefined;
  return () => {
    known ??= client.auth.test().then(
      (r) => {
        const enterpriseId = typeof r.enterprise_id === 'string' && r.enterprise_id ? r.enterprise_id : undefined;
        const orgWide = r.is_enterprise_install === true;
        return { teamId: orgWide ? undefined : r.team_id, enterpriseId, orgWide };
      },
      (err: unknown) => {
        known = undefined;
        throw err;
      },
    );
    return known;
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const field = (o: unknown, k: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);

/** The workspace or organisation id in a request that is not the installed one, or undefined. */
export function foreignWorkspace(body: Record<string, unknown>, mine: Installed): string | undefined {
  const teams = [body.team_id, field(body.team, 'id'), field(body.user, 'team_id'), field(body.view, 'team_id')].map(str).filter((t): t is string => !!t);
  const orgs = [body.enterprise_id, field(body.enterprise, 'id')].map(str).filter((e): e is string => !!e);
  for (const e of orgs) if (e !== mine.enterpriseId) return e;
  if (mine.orgWide) return orgs.length || !teams.length ? undefined : teams[0];
  for (const t of teams) if (t !== mine.teamId) return t;
  return undefined;
}

/** Acks and drops a request from another workspace; a slash command is told why. */
export function workspaceGuard(installed: () => Promise<Installed>, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
    const body = args.body as unknown as Record<string, unknown>;
    let mine: Installed;
    try {
      mine = await installed();
    } catch (err) {
      log.error({ err: (err as Error).message }, 'auth.test failed: the installed Slack workspace is unknown, request refused');
      if (ack) await ack(typeof body.command === 'string' ? 'contract-ops cannot reach Slack right now; nothing was done. Try again in a moment.' : undefined);
      return;
    }
    const foreign = foreignWorkspace(body, mine);
    if (!foreign) return args.next();
    log.warn({ workspace: foreign, installed: mine.teamId ?? mine.enterpriseId }, 'refused a request from another Slack workspace');
    if (ack) await ack(typeof body.command === 'string' ? t('replies-chat.other-workspace') : undefined);
  };
}
