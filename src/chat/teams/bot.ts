/**
 * The Teams adapter: Teams SDK v2 routes translated into our commands and button presses, and
 * cards back into Teams messages. It decides nothing: the router and the verbs do.
 *
 * - A message is a command, with or without "/", with the bot's @mention removed.
 * - Replies that concern only the sender (ephemeral cards) go to the sender's personal chat when
 *   the command came from a channel or group chat, with a one-line pointer in the thread: Teams
 *   has no general ephemeral message (targeted messages are a preview in this SDK).
 * - A click (Action.Execute, `adaptiveCard/action` invoke) runs `app.act` and answers with the
 *   updated card, which Teams shows in place for everyone; a refusal answers with a message only
 *   the clicker sees and leaves the card as it was. Action.Submit (older clients) arrives as a
 *   message with a value and updates the card with updateActivity.
 * - A card whose buttons are for some people only (an approval request) is posted without them,
 *   with a `refresh` listing those people; Teams then asks for each viewer's own copy (the
 *   `adaptiveCard/action` invoke with verb "refresh") and gets the buttons only if they may act.
 * - Every activity refreshes the stored conversation reference (install, message, click).
 */
import { randomBytes } from 'node:crypto';
import type { AdaptiveCardActionResponse } from '@microsoft/teams.api';
import { App as SdkApp, type AppOptions } from '@microsoft/teams.apps';
import { PUBLIC } from '@microsoft/teams.api';
import { z } from 'zod';
import { errorCard, infoCard, unexpectedCard } from '../../../cards/build/error.js';
import { isDatabaseUnavailable } from '../../errors.js';
import { plain, type Card } from '../../../cards/card.js';
import { decodeCardRef } from '../../../cards/action-ids.js';
import { readActionData, readRefreshData, renderTeams, type TeamsRenderOptions } from '../../../cards/teams.js';
import type { App } from '../../app.js';
import { inLanguage, langOf, t, type Lang } from '../../i18n/index.js';
import { personLang } from '../../reader-lang.js';
import type { Config } from '../../config.js';
import type { Ctx, Person } from '../../context.js';
import type { Logger } from '../../log.js';
import { audienceView } from './audience.js';
import { activitySchema, channelConversationId, commandText, conversationKind, senderLocale, tenantOf, type Inbound } from './activity.js';
import { cardActivity, Connector } from './connector.js';
import { rememberConversation, rememberUser } from './conversations.js';
import { personalChat, TeamsDeliverer } from './deliverer.js';
import { DEFAULT_GRAPH_URL, GraphMessages, type GraphToken } from './graph.js';
import { Roster } from './roster.js';
import { TeamsFiles } from './files.js';
import { HonoAdapter } from './hono-adapter.js';
import { TeamsIdentity } from './identity.js';
import { requestGuard } from './guard.js';
import { sdkLogger } from './sdk-logger.js';

export const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams';

/** The SDK app, with its bot token reachable for our own connector calls and downloads. */
class BotApp extends SdkApp {
  botToken() {
    return this.getBotToken();
  }

  /** The app's own Microsoft Graph token (client credentials or managed identity); null without credentials. */
  async graphToken(tenantId: string | undefined): Promise<string | null> {
    return (await this.getAppGraphToken(tenantId))?.toString() ?? null;
  }
}

export type HttpClientOptions = Exclude<NonNullable<AppOptions<never>['client']>, SdkApp['client'] | (() => SdkApp['client'])>;

export interface TeamsBotOptions {
  /** extra options for the SDK's HTTP client (tests add a recording interceptor) */
  http?: HttpClientOptions;
  /** where the Graph token comes from instead of the SDK's credentials (tests, whose fake Graph takes any bearer) */
  graphToken?: GraphToken;
}

export interface TeamsBot {
  sdk: SdkApp;
  deliverer: TeamsDeliverer;
  mode: 'development' | 'azure';
  /** how the bot proves itself to Teams: development mode has no credential at all */
  auth: 'none' | 'client secret' | 'managed identity';
  /** register /api/messages on the Hono app; call before the HTTP server starts */
  start(): Promise<void>;
}

type CardActionResponse = AdaptiveCardActionResponse;

const invokeValue = z.object({ action: z.object({ verb: z.string().optional(), data: z.unknown() }) });

export function createTeamsBot(app: App, config: Config, log: Logger, opts: TeamsBotOptions = {}): TeamsBot {
  const dev = !config.teams;
  const serviceUrl = config.teams?.serviceUrl ?? config.TEAMS_SERVICE_URL ?? DEFAULT_SERVICE_URL;
  const sdk = new BotApp({
    // Empty strings, not undefined: the SDK would otherwise read CLIENT_ID, TENANT_ID... from the
    // environment, and configuration is read once, in config.ts.
    clientId: config.teams?.clientId ?? '',
    clientSecret: config.teams?.clientSecret ?? '',
    tenantId: config.teams?.tenantId ?? '',
    // With a client id and no secret the SDK takes a managed identity: this id names which (the
    // bot's own id: user-assigned; another id or "system": a federated credential). Validation of
    // incoming tokens is the same either way: it needs only the client id (the audience) and tenant.
    managedIdentityClientId: config.teams?.managedIdentityClientId ?? '',
    serviceUrl,
    cloud: PUBLIC,
    // Only without credentials (local development): the SDK then skips token validation.
    dangerouslyAllowUnauthenticatedRequests: dev,
    httpServerAdapter: new HonoAdapter(app.api, requestGuard({ dev, tenantId: config.teams?.tenantId })),
    logger: sdkLogger(log),
    client: { timeout: 15_000, ...opts.http },
  });
  const http = sdk.client.clone({ token: () => sdk.botToken() });
  const connector = new Connector(http);
  const identity = new TeamsIdentity(app.ctx.root, connector, log);
  const files = new TeamsFiles({
    secret: app.ctx.services.actionSecret,
    // In development mode (the Playground, on this machine) the bot's own address serves charts:
    // a data: URI is capped at 12 KB and a KPI chart is ~30 KB.
    publicUrl: config.PUBLIC_URL ?? (dev ? `http://localhost:${config.PORT}` : undefined),
    maxBytes: app.ctx.services.maxAttachmentBytes,
    dev,
    log,
    now: () => app.ctx.clock.now().getTime(),
    getWithBotToken: async (url, maxBytes) => Buffer.from((await http.get<ArrayBuffer>(url, { responseType: 'arraybuffer', maxContentLength: maxBytes })).data),
  });
  const render: TeamsRenderOptions = { zone: config.DEFAULT_ZONE, fileUrl: files.fileUrl };
  const roster = new Roster({ db: app.ctx.root, clock: app.ctx.clock, connector, log });
  const graph = new GraphMessages({
    baseUrl: config.TEAMS_GRAPH_URL ?? DEFAULT_GRAPH_URL,
    token: opts.graphToken ?? ((tenantId) => sdk.graphToken(tenantId)),
    tenantId: config.teams?.tenantId,
    log,
  });
  const deliverer = new TeamsDeliverer({ db: app.ctx.root, clock: app.ctx.clock, connector, render, defaultServiceUrl: serviceUrl, roster, graph });
  const db = app.ctx.root;

  async function remember(a: Inbound): Promise<void> {
    const kind = conversationKind(a);
    const now = app.ctx.clock.now();
    const tenantId = tenantOf(a);
    const user = a.from.id !== a.recipient.id ? a.from : undefined;
    await rememberConversation(
      db,
      {
        kind,
        conversationId: kind === 'channel' ? channelConversationId(a.conversation.id) : a.conversation.id,
        serviceUrl: a.serviceUrl,
        tenantId,
        botId: a.recipient.id,
        label: originLabel(a),
        ...(kind === 'personal' && user?.aadObjectId ? { aadObjectId: user.aadObjectId } : {}),
        ...(kind === 'channel' && a.channelData?.team?.aadGroupId ? { teamGroupId: a.channelData.team.aadGroupId } : {}),
      },
      now,
    );
    if (user?.aadObjectId) await rememberUser(db, { userId: user.id, aadObjectId: user.aadObjectId, serviceUrl: a.serviceUrl, tenantId, botId: a.recipient.id }, now);
  }

  function verbCtx(a: Inbound, person: Person): Ctx {
    const kind = conversationKind(a);
    return {
      ...app.ctx,
      actor: { via: 'teams', person, label: `${person.name} (teams)` },
      origin: {
        platform: 'teams',
        target: { conversationId: kind === 'channel' ? channelConversationId(a.conversation.id) : a.conversation.id, serviceUrl: a.serviceUrl, tenantId: tenantOf(a) },
        label: originLabel(a),
      },
    };
  }

  /** Render options for one copy of a card; `viewer` when one person alone reads this copy. */
  const renderFor = async (card: Card, viewer?: Person): Promise<TeamsRenderOptions> => ({ ...render, ...(await audienceView(db, card, viewer?.id)) });

  /** A reply where the activity came from: the sender's own copy only in their personal chat. */
  const send = async (a: Inbound, card: Card, sender?: Person) =>
    connector.send(a.serviceUrl, a.conversation.id, cardActivity(card, await renderFor(card, conversationKind(a) === 'personal' ? sender : undefined)));

  /** Cards for the sender alone: in their personal chat, with a pointer where they asked. */
  async function sendPrivately(a: Inbound, cards: Card[], sender?: Person): Promise<void> {
    if (!cards.length) return;
    if (conversationKind(a) === 'personal') {
      for (const c of cards) await send(a, c, sender);
      return;
    }
    const aad = a.from.aadObjectId;
    let chat;
    try {
      chat = aad ? await personalChat({ db, clock: app.ctx.clock, connector }, aad) : undefined;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'Teams: could not open a personal chat; answering in the thread');
    }
    if (!chat) {
      for (const c of cards) await send(a, c);
      return;
    }
    for (const c of cards) await connector.send(chat.serviceUrl, chat.conversationId, cardActivity(c, await renderFor(c, sender)));
    await connector.send(a.serviceUrl, a.conversation.id, { type: 'message', text: t('replies-chat.answered-privately', { name: a.from.name || 'none' }) });
  }

  async function reply(a: Inbound, cards: Card[], sender: Person): Promise<void> {
    const mine = conversationKind(a) === 'personal' ? [] : cards.filter((c) => c.visibility === 'ephemeral');
    for (const c of cards) if (!mine.includes(c)) await send(a, c, sender);
    await sendPrivately(a, mine, sender);
  }

  function strangerCard(email: string | undefined): Card {
    return infoCard(
      t('replies-chat.stranger-title'),
      t('replies-chat.stranger', { email: email || 'none' }),
      'warning',
    );
  }

  /** Unknown errors get a reference the log carries too; the user never sees a stack trace. */
  function failure(err: unknown, what: string): Card {
    // The person is looked up before any verb runs; in a database outage that is "try again" too.
    if (isDatabaseUnavailable(err)) return errorCard('unavailable', t('common.db-unavailable'));
    const ref = randomBytes(4).toString('hex');
    log.error({ err, ref }, `Teams: ${what} failed`);
    return unexpectedCard(ref);
  }

  async function onMessage(a: Inbound): Promise<void> {
    const click = a.value !== undefined ? readActionData(a.value) : null;
    const text = commandText(a);
    if (!click && !text && !a.attachments?.length) return;
    const who = await identity.resolve(a);
    if (!who.person) return sendPrivately(a, [strangerCard(who.email)]);
    const ctx = verbCtx(a, who.person);
    if (click) {
      const [first, ...rest] = await app.act(ctx, click.actionId, { reason: click.reason, values: click.values });
      // Everyone's copy: clients without Universal Actions cannot ask for their own.
      if (first && !isNotice(first) && a.replyToId) await connector.update(a.serviceUrl, a.conversation.id, a.replyToId, cardActivity(first, await renderFor(first)));
      else if (first) rest.unshift(first);
      return sendPrivately(a, rest, who.person);
    }
    const fileList = await files.download(a);
    return reply(a, await app.dispatch(ctx, text || 'help', fileList), who.person);
  }

  const cardResponse = async (card: Card, viewer?: Person): Promise<CardActionResponse> => ({
    statusCode: 200,
    type: 'application/vnd.microsoft.card.adaptive',
    value: renderTeams(card, await renderFor(card, viewer)),
  });

  /**
   * Teams asks for one viewer's copy of a card with a `refresh` (automatically for the listed
   * users, and for everyone in a chat or channel of up to 60 members; "Refresh card" otherwise):
   * the card as it is now, with its buttons if this viewer may act. Strangers get everyone's copy.
   */
  async function onRefresh(a: Inbound, signed: string): Promise<CardActionResponse> {
    const ref = decodeCardRef(signed, app.ctx.services.actionSecret);
    if (!ref) return toast(await inLanguage(await clickerLang(a), () => t('replies-chat.not-mine')));
    const current = await app.notifier.currentCard(ref.kind, ref.id, 'teams');
    if (!current) return toast(await inLanguage(await clickerLang(a), () => t('replies-chat.card-gone')));
    const who = current.card.audience ? await identity.resolve(a) : undefined;
    return inLanguage(current.lang, () => cardResponse(current.card, who?.person));
  }

  /** The language of the sender's Teams client, else the deployment's: for a stranger. */
  const clientLang = (a: Inbound): Lang => langOf(senderLocale(a)) ?? app.ctx.services.defaultLanguage;

  /** The clicker's language: the person's, else (a stranger) their Teams client's. */
  async function clickerLang(a: Inbound, person?: Person): Promise<Lang> {
    const who = person ?? (await identity.resolve(a)).person;
    return who ? personLang(db, who, clientLang(a)) : clientLang(a);
  }

  /**
   * A click: the toasts and the card it answers with are written in the clicker's language, not
   * the card's; the card everyone sees is rendered in it as the verb built it.
   */
  async function onCardAction(a: Inbound): Promise<CardActionResponse> {
    const v = invokeValue.safeParse(a.value);
    const refresh = v.success ? readRefreshData(v.data.action.data) : null;
    if (refresh) return onRefresh(a, refresh);
    const click = v.success ? readActionData(v.data.action.data) : null;
    if (!click) return toast(await inLanguage(await clickerLang(a), () => t('replies-chat.not-my-button')));
    const who = await identity.resolve(a);
    if (!who.person) return inLanguage(clientLang(a), () => toast(plainCard(strangerCard(who.email))));
    const person = who.person;
    return inLanguage(await clickerLang(a, person), async () => {
      const [first, ...rest] = await app.act(verbCtx(a, person), click.actionId, { reason: click.reason, values: click.values });
      if (rest.length) await sendPrivately(a, rest, person);
      if (!first) return toast(t('replies-chat.done'));
      // A refusal or a note is for the clicker; the card everyone sees stays as it was.
      if (isNotice(first)) return toast(plainCard(first));
      return cardResponse(first, person);
    });
  }

  sdk.use(async (c) => {
    const a = activitySchema.safeParse(c.activity);
    if (a.success) {
      try {
        await remember(a.data);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'Teams: conversation reference not stored');
      }
    } else {
      log.warn({ type: c.activity.type, issues: a.error.issues.slice(0, 3) }, 'Teams: activity not understood');
    }
    return c.next();
  });

  sdk.on('message', async (c) => {
    const a = activitySchema.safeParse(c.activity);
    if (!a.success) return;
    try {
      await onMessage(a.data);
    } catch (err) {
      await send(a.data, failure(err, 'message')).catch(() => undefined);
    }
  });

  sdk.on('card.action', async (c) => {
    const a = activitySchema.safeParse(c.activity);
    if (!a.success) return toast(t('replies-chat.click-unreadable'));
    try {
      return await onCardAction(a.data);
    } catch (err) {
      return inLanguage(clientLang(a.data), () => toast(plainCard(failure(err, 'card action'))));
    }
  });

  sdk.on('install.add', async (c) => {
    const a = activitySchema.safeParse(c.activity);
    if (!a.success) return;
    const hello = infoCard(t('replies-chat.hello-title'), t('replies-chat.hello', { personal: conversationKind(a.data) === 'personal' ? 'yes' : 'no' }));
    await send(a.data, { ...hello, visibility: 'channel' }).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'Teams: welcome not sent'));
  });

  return {
    sdk,
    deliverer,
    mode: dev ? 'development' : 'azure',
    auth: dev ? 'none' : config.teams?.clientSecret ? 'client secret' : 'managed identity',
    async start() {
      files.route(app.api);
      await sdk.initialize();
    },
  };
}

/** Info and error cards answer the clicker; they never replace a shared card. */
function isNotice(c: Card): boolean {
  return c.kind === 'info' || c.kind === 'error';
}

function plainCard(c: Card): string {
  const text = c.blocks.map((b) => (b.type === 'text' ? plain(b.text) : b.type === 'list' ? b.items.map(plain).join(t('common.list-sep')) : '')).filter(Boolean);
  // "Title: text" as the reader's language punctuates it ("Titre : texte").
  return text.reduce((line, x) => line + t('common.detail', { text: x }), c.title).slice(0, 500);
}

function toast(text: string): CardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

function originLabel(a: Inbound): string {
  switch (conversationKind(a)) {
    case 'channel': {
      const team = a.channelData?.team?.name;
      const channel = a.channelData?.channel?.name ?? a.conversation.name ?? 'this channel';
      return team ? `${team} / ${channel}` : channel;
    }
    case 'groupChat':
      return a.conversation.name ?? 'group chat';
    case 'personal':
      return `personal chat with ${a.from.name ?? 'a user'}`;
  }
}
