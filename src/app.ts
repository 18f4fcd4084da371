/**
 * Wiring: one database, one clock, one router, one notifier, one HTTP app. main.ts starts it;
 * tests build it in process with a fake clock and an in-memory or test database.
 */
import { loadIssuer } from './billing/issuer.js';
import { createHmac, randomBytes } from 'node:crypto';
import type { ActionForm, Card } from '../cards/card.js';
import { decodeAction, type Action } from '../cards/action-ids.js';
import { infoCard } from '../cards/build/error.js';
import type { Database } from '../db/client.js';
import { buildRouter } from '../commands/index.js';
import type { Router } from '../commands/router.js';
import { errorToCard } from '../commands/router.js';
import { createApi, type Api } from './api/app.js';
import { apiRoutes } from './api/routes/index.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Ctx, Platform } from './context.js';
import { schedulerActor } from './context.js';
import type { Logger } from './log.js';
import { buildRegistry, type ActionInput, type Feature, type FeatureRegistry, type FormLoader, type Handler } from './feature.js';
import { actionTypes, features as allFeatures } from './features.js';
import { Notifier } from './notify/notifier.js';
import { redactChannelCards } from './privacy/redactor.js';
import { parseDuration } from './rules/units.js';
import { registerFieldPages } from './web/routes.js';
import { Readiness } from './readiness.js';
import { inReaderLang } from './reader-lang.js';
import { t } from './i18n/index.js';

export interface App {
  ctx: Ctx;
  config: Config;
  router: Router;
  notifier: Notifier;
  api: Api;
  /** what the features contribute, combined for this app alone (src/feature.ts) */
  features: FeatureRegistry;
  /** each chat platform's state, served at /readyz */
  readiness: Readiness;
  /** a button press from any platform: decode, check, run the verb, return the updated card */
  act(ctx: Ctx, actionId: string, input?: ActionInput): Promise<Card[]>;
  /**
   * The form a button asks to fill first, with today's values (Slack opens its modal from it); a
   * card instead when the button is not valid or the clicker may not use it.
   */
  form(ctx: Ctx, actionId: string): Promise<{ form: ActionForm } | { card: Card }>;
  dispatch(ctx: Ctx, text: string, files?: Parameters<Router['dispatch']>[2]): Promise<Card[]>;
}

export function actionSecret(config: Config): string {
  const base = config.ACTION_SECRET ?? config.slack?.signingSecret ?? config.teams?.clientSecret;
  // Without any configured secret (terminal only) a per-process key is enough: buttons live in-process.
  return createHmac('sha256', base ?? randomBytes(32)).update('contract-ops action ids v1').digest('base64url');
}

/** The features to build the app from are src/features.ts's list unless a test passes another. */
export function createApp(config: Config, database: Database, clock: Clock, log: Logger, platforms: Platform[], features: readonly Feature[] = allFeatures): App {
  const registry = buildRegistry(features, actionTypes);
  // A wrong issuer file stops the start, naming the field, rather than the first invoice.
  loadIssuer(config.ISSUER_FILE);
  const ctx: Ctx = {
    db: database.db,
    root: database.db,
    clock,
    log,
    actor: schedulerActor,
    services: {
      platforms,
      defaultZone: config.DEFAULT_ZONE,
      defaultLanguage: config.DEFAULT_LANGUAGE,
      actionSecret: actionSecret(config),
      approvalRemindAfterMin: parseDuration(config.APPROVAL_REMIND_AFTER) ?? 240,
      approvalExpireAfterMin: parseDuration(config.APPROVAL_EXPIRE_AFTER) ?? 4320,
      attachmentsDir: config.attachmentsDir,
      maxAttachmentBytes: config.MAX_ATTACHMENT_MB * 1024 * 1024,
      publicUrl: config.PUBLIC_URL,
      jobHooks: registry.jobHooks,
      issuerFile: config.ISSUER_FILE,
    },
  };
  const notRecognised = () => infoCard(t('common.button-unknown.title'), t('common.button-unknown'), 'warning');
  const router = buildRouter();
  const notifier = new Notifier(ctx);
  for (const [kind, loader] of Object.entries(registry.loaders)) notifier.register(kind, loader);
  const readiness = new Readiness();
  // Built on first use (the first HTTP request, or an adapter mounting its routes): the terminal's
  // first prompt does not wait for the API's routes and their OpenAPI schemas.
  let api: Api | undefined;
  return {
    ctx,
    config,
    router,
    notifier,
    get api() {
      return (api ??= createApi({ ctx, routes: [...apiRoutes(), (a) => registerFieldPages(a, ctx)], readiness }));
    },
    features: registry,
    readiness,
    // A reply shown to the whole channel leaves the team's private view: redacted (docs/privacy.md).
    dispatch: async (c, text, files) => redactChannelCards(ctx.root, await router.dispatch(c, text, files)),
    form: (c, actionId) => inReaderLang(c, () => form(c, actionId)),
    act: (c, actionId, input) => inReaderLang(c, () => act(c, actionId, input)),
  };

  async function form(c: Ctx, actionId: string): Promise<{ form: ActionForm } | { card: Card }> {
    const action = decodeAction(actionId, ctx.services.actionSecret);
    if (!action) return { card: notRecognised() };
    try {
      const load = registry.forms[action.t] as FormLoader<Action> | undefined;
      const form = await load?.(c, action);
      return form ? { form } : { card: infoCard(t('common.no-form.title'), t('common.no-form'), 'warning') };
    } catch (err) {
      return { card: errorToCard(c, err) };
    }
  }

  async function act(c: Ctx, actionId: string, input: ActionInput = {}): Promise<Card[]> {
    const action = decodeAction(actionId, ctx.services.actionSecret);
    if (!action) return [notRecognised()];
    try {
      // Indexed by the action's own type, so the handler receives the action it was declared for.
      const handle = registry.actions[action.t] as Handler<Action>;
      return await redactChannelCards(ctx.root, [await handle(c, action, input)]);
    } catch (err) {
      return [errorToCard(c, err)];
    }
  }
}
