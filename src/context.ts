/**
 * What every verb receives: who is acting (resolved to one person with roles), the clock, the
 * database (or the verb's own transaction), and the few services verbs may call.
 */
import type { Db, DbOrTx } from '../db/client.js';
import type { Clock } from './clock.js';
import type { Lang } from './i18n/lang.js';
import type { JobHooks } from './jobs/hooks.js';
import type { Logger } from './log.js';
import type { Role } from './rules/contract-types.js';

export type Platform = 'slack' | 'teams' | 'shell';
/** `web`: a field page reached by a signed link (a technician's phone, a customer) */
export type Via = Platform | 'api' | 'scheduler' | 'web';

export interface Person {
  id: number;
  name: string;
  email: string;
  roles: Role[];
  teams: string[];
  zone: string | null;
  /** the language they chose or their chat platform reported; null: their team's, else the deployment's */
  language: Lang | null;
  slackUserId: string | null;
  teamsUserId: string | null;
}

export interface Actor {
  via: Via;
  /** null only for the scheduler and for API tokens not tied to a person */
  person: Person | null;
  /** how the actor is named in events and audit rows: "Dana Dispatcher (slack)" */
  label: string;
  /** API token scopes; chat actors have none */
  scopes?: string[];
}

export interface Services {
  /** platforms this process delivers to; outbox rows are written for these and for bound channels */
  platforms: Platform[];
  defaultZone: string;
  /** DEFAULT_LANGUAGE: for people and teams that set none */
  defaultLanguage: Lang;
  /** HMAC key for button payloads */
  actionSecret: string;
  approvalRemindAfterMin: number;
  approvalExpireAfterMin: number;
  attachmentsDir: string;
  maxAttachmentBytes: number;
  publicUrl?: string;
  /** what the features do after a job change and check before a status change (src/jobs/hooks.ts) */
  jobHooks: JobHooks;
  /** the issuing company's YAML file (ISSUER_FILE); unset: examples/issuer.yaml */
  issuerFile?: string;
}

/** Where a chat command came from, so `/team bind` can bind "this channel". */
export interface Origin {
  platform: Platform;
  /** slack: { channel }, teams: { conversationId, serviceUrl, tenantId }, shell: {} */
  target: Record<string, unknown>;
  /** a readable name: "#dispatch", "General" */
  label: string;
}

export interface Ctx {
  origin?: Origin;
  db: DbOrTx;
  /** the database itself, for verbs that open their own transaction */
  root: Db;
  clock: Clock;
  actor: Actor;
  log: Logger;
  services: Services;
}

export const schedulerActor: Actor = { via: 'scheduler', person: null, label: 'scheduler' };

export function withActor(ctx: Ctx, actor: Actor): Ctx {
  return { ...ctx, actor };
}
