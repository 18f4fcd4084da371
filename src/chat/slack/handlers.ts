/**
 * Every Slack listener, registered on a Bolt app by one function, so HTTP mode and Socket Mode run
 * exactly the same code. Listeners ack first (Slack's 3 s), then resolve the person, run one
 * command or verb through the App, and render its cards. No business rule lives here.
 */
import { randomBytes } from 'node:crypto';
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App as BoltApp,
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import { z } from 'zod';
import { errorCard, infoCard, unexpectedCard } from '../../../cards/build/error.js';
import type { Card } from '../../../cards/card.js';
import { ACTION_ID_PREFIX, escapeMrkdwn, parseSlackActionId, renderSlack, renderSlackMany } from '../../../cards/slack.js';
import type { App } from '../../app.js';
import type { Ctx, Origin, Person } from '../../context.js';
import { AppError, isDatabaseUnavailable } from '../../errors.js';
import type { Logger } from '../../log.js';
import { claimInvocation, recordOutcome } from '../invocations.js';
import { slackErrorCode } from './errors.js';
import { decodeSlackText, downloadFiles, slackFile } from './files.js';
import { homeBlocks, homeCards } from './home.js';
import { SlackIdentity, unknownUserText } from './identity.js';
import { emptyFieldErrors, FORM_VIEW, formModal, loadingModal, noticeModal, readFormSubmission, readReasonSubmission, REASON_BLOCK, REASON_VIEW, reasonModal, type ReasonMetadata } from './modal.js';
import { sendClickResult, sendCommandReply, sendEphemeral, type ReplyDeps, type Source } from './reply.js';
import { workQueue } from './work-queue.js';
import type { WrittenMessages } from './written.js';
import { workspaceGuard, type Installed } from './workspace.js';
import { inLanguage, t, type Lang } from '../../i18n/index.js';
import { inReaderLang, readerLang } from '../../reader-lang.js';

/** Listener work running at once after acks (the database pool and 2 cores do not gain from more). */
const WORK_CONCURRENCY = 4;

type WebClient = webApi.WebClient;

/** views.open refusals that mean the click's trigger id was used up or is older than Slack's 3 s. */
const TRIGGER_GONE = new Set(['expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id']);

export interface SlackHandlerDeps {
  app: App;
  identity: SlackIdentity;
  log: Logger;
  /** what was last written to each message, shared with the deliverer (one update per change) */
  written?: WrittenMessages;
  /** the workspace the bot is installed in; requests from any other are refused */
  installed: () => Promise<Installed>;
}

const slashCommand = z.object({
  command: z.string().regex(/^\/\S+$/),
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  channel_name: z.string().optional(),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
});

const blockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  container: z
    .object({ type: z.string(), message_ts: z.string().optional(), channel_id: z.string().optional(), is_ephemeral: z.boolean().optional() })
    .loose()
    .optional(),
  channel: z.object({ id: z.string(), name: z.string().optional() }).loose().optional(),
  message: z.object({ ts: z.string() }).loose().optional(),
  view: z.object({ type: z.string() }).loose().optional(),
  actions: z
    .array(
      z
        .object({ action_id: z.string(), type: z.string(), value: z.string().optional(), selected_option: z.object({ value: z.string() }).loose().optional() })
        .loose(),
    )
    .min(1),
});

/** A person's message to the bot in its DM: a command line, maybe with files. */
const directMessage = z.object({
  channel: z.string().min(1),
  channel_type: z.literal('im'),
  user: z.string().min(1),
  text: z.string().default(''),
  ts: z.string(),
  subtype: z.enum(['file_share']).optional(),
  bot_id: z.undefined().optional(),
  files: z.array(slackFile).optional(),
});

const submitter = z.object({ user: z.object({ id: z.string() }), trigger_id: z.string().optional() });

const homeOpened = z.object({ type: z.literal('app_home_opened'), user: z.string().min(1), tab: z.string().optional() });

/** The label `/team bind` shows for "this channel". */
function originLabel(channelName: string | undefined): string {
  if (!channelName || channelName === 'directmessage') return 'this direct message';
  if (channelName === 'privategroup') return 'this private channel';
  return `#${channelName}`;
}

function slackCtx(app: App, person: Person, channel?: string, channelName?: string): Ctx {
  const origin: Origin | undefined = channel ? { platform: 'slack', target: { channel }, label: originLabel(channelName) } : undefined;
  return { ...app.ctx, actor: { via: 'slack', person, label: `${person.name} (slack)` }, ...(origin ? { origin } : {}) };
}

/**
 * Slack re-sends an Events API delivery it thinks was lost (X-Slack-Retry-Num, or retry_attempt in
 * Socket Mode). We ack before any work, so the first delivery is being handled: a retry is
 * acknowledged and dropped, statelessly, whatever replica receives it. Clicks and commands are
 * never retried by Slack, and their verbs refuse a second run anyway.
 */
export function dropRetries(log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, next } = args;
    if (context.retryNum) {
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      log.info({ retryNum: context.retryNum, retryReason: context.retryReason }, 'dropped a Slack retry');
      return;
    }
    await next();
  };
}

export interface SlackHandlers {
  /** resolves when no listener work is in flight (shutdown waits for it; so do tests) */
  idle(): Promise<void>;
}

export function registerSlackHandlers(bolt: BoltApp, deps: SlackHandlerDeps): SlackHandlers {
  const { app, identity, log } = deps;
  // Work continues after the ack; shutdown must not close the database under it.
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    const forget = () => inflight.delete(p);
    p.then(forget, forget);
    return p;
  };
  const tracked =
    <A>(f: (args: A) => Promise<void>) =>
    (args: A): Promise<void> =>
      track(f(args));
  const zone = app.config.DEFAULT_ZONE;
  const replyDeps = (client: WebClient, person?: Person): ReplyDeps => ({ client, log, zone, ...(person?.zone ? { readerZone: person.zone } : {}), ...(deps.written ? { written: deps.written } : {}) });

  /** Unexpected failures: the person sees a reference, the log has the details under it. */
  const fail = async (client: WebClient, src: Source, err: unknown, what: string) => {
    const ref = randomBytes(4).toString('hex');
    // The person is looked up before any verb runs; in a database outage that is "try again" too.
    const down = isDatabaseUnavailable(err);
    log[down ? 'warn' : 'error']({ err, ref, what }, 'Slack handler failed');
    try {
      await sendEphemeral(replyDeps(client), src, [down ? errorCard('unavailable', t('common.db-unavailable')) : unexpectedCard(ref)]);
    } catch (e) {
      log.error({ err: e, ref }, 'could not tell the user about a failure');
    }
  };

  /** The person behind a Slack user, or a reply telling them to get added. */
  const whoIs = async (client: WebClient, src: Source): Promise<Person | undefined> => {
    const who = await identity.resolve(client, src.userId);
    if (who.person) return who.person;
    await sendEphemeral(replyDeps(client), src, [infoCard(t('replies-chat.who-are-you'), unknownUserText(who.email), 'warning')]);
    return undefined;
  };

  /**
   * A command naming someone (`/job assign J-1001 @tom`) arrives as <@U…|tom>; the verbs find people
   * by their Slack id, so a mentioned colleague who never used the bot is linked by e-mail first.
   */
  const linkMentions = async (client: WebClient, text: string) => {
    const ids = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!))].slice(0, 5);
    for (const id of ids) await identity.resolve(client, id);
  };

  const publishHome = async (client: WebClient, userId: string, person?: Person) => {
    const who = person ? { person } : await identity.resolve(client, userId);
    const me = who.person;
    // The home is written in the person's language, like a reply to them.
    const ctx = me ? slackCtx(app, me) : undefined;
    const lang = ctx ? await readerLang(ctx) : app.ctx.services.defaultLanguage;
    const blocks = await inLanguage(lang, async () => {
      const cards = me && ctx ? await homeCards(ctx, me) : [];
      const notice = me ? undefined : escapeMrkdwn(unknownUserText('email' in who ? who.email : undefined));
      return homeBlocks(me, cards, me?.zone ?? zone, notice);
    });
    await client.views.publish({ user_id: userId, view: { type: 'home', blocks } });
  };

  /** Work after an ack (verbs, replies, App Home refreshes), a few at a time: see work-queue.ts. */
  const work = workQueue(WORK_CONCURRENCY);
  /** users whose App Home refresh is queued and not started yet */
  const homeQueued = new Set<string>();

  /**
   * After someone acts, their App Home shows the new state; a failure here must not hide the reply.
   * A refresh already queued for them and not yet started will read this change too: no second one.
   */
  const refreshHome = (client: WebClient, person: Person, userId: string) => {
    if (homeQueued.has(userId)) return;
    homeQueued.add(userId);
    const refresh = work(async () => {
      homeQueued.delete(userId);
      await publishHome(client, userId, person);
    });
    void track(refresh.catch((err: unknown) => log.warn({ err: (err as Error).message }, 'App Home refresh failed')));
  };

  /** The language of the person behind a Slack user, or undefined for a stranger. */
  const clickerLang = async (client: WebClient, userId: string): Promise<Lang | undefined> => {
    const who = await identity.resolve(client, userId);
    return who.person ? readerLang(slackCtx(app, who.person)) : undefined;
  };

  /**
   * The reason modal in the clicker's language: the chrome, and the button's words taken from the
   * channel's card built again in that language (the card was posted in the team's). A reply, a
   * direct message or the App Home was written for the clicker already: its words stay. Undefined
   * for a stranger (the verb tells them on submission).
   */
  const reasonModalForClicker = async (client: WebClient, src: Source, meta: Parameters<typeof reasonModal>[0], md: ReasonMetadata) => {
    const lang = await clickerLang(client, src.userId);
    if (!lang) return undefined;
    const posted = src.channel && src.ts && !src.ephemeral && !src.home ? await app.notifier.postedCardIn('slack', { channel: src.channel, ts: src.ts }, lang) : null;
    const action = posted?.actions?.find((a) => a.id === md.v);
    // A posted card that no longer offers this button: the modal's own words, not the old card's.
    const words = !posted ? meta : action?.reason ? { ...meta, title: action.label, label: action.reason.label } : { ...meta, title: '', label: '' };
    return inLanguage(lang, () => reasonModal(words, { ...md, lang }));
  };

  const runAction = (client: WebClient, src: Source, value: string, input: { reason?: string; values?: Record<string, string> }) =>
    work(async () => {
      const person = await whoIs(client, src);
      if (!person) return;
      const ctx = slackCtx(app, person, src.channel, src.channelName);
      const cards: Card[] = await app.act(ctx, value, input);
      // Rendered in the clicker's language too: the renderer's own words ("See everything").
      await inReaderLang(ctx, () => sendClickResult(replyDeps(client, person), src, cards));
      refreshHome(client, person, src.userId);
    });

  /**
   * True the first time an invocation id is seen; a replay of the same signed request (Slack's
   * signature window is five minutes) is false. Requests without an id are always first.
   */
  const firstTime = async (id: string | undefined): Promise<{ first: boolean; outcome?: string }> => {
    if (!id) return { first: true };
    const c = await claimInvocation(app.ctx.root, 'slack', id, app.ctx.clock.now());
    if (!c.first) log.warn({ invocation: id }, 'dropped a replayed Slack request');
    return c;
  };
  const outcomeOf = (cards: Card[]) => cards.map((c) => c.title).filter(Boolean).join('; ').slice(0, 500);

  bolt.use(dropRetries(log));
  bolt.use(workspaceGuard(deps.installed, log));

  bolt.command(/^\/\S+$/, tracked<SlackCommandMiddlewareArgs & AllMiddlewareArgs>(async ({ ack, body, client }) => {
    await ack();
    const cmd = slashCommand.parse(body);
    const src: Source = { userId: cmd.user_id, channel: cmd.channel_id, channelName: cmd.channel_name, responseUrl: cmd.response_url };
    await work(async () => {
      try {
        const name = cmd.command.slice(1).toLowerCase();
        if (app.router.find(name)?.terminalOnly) {
          await sendEphemeral(replyDeps(client), src, [infoCard(t('replies-chat.terminal-only-title'), t('replies-chat.terminal-only', { name }), 'warning')]);
          return;
        }
        const once = await firstTime(cmd.trigger_id);
        if (!once.first) {
          const answered = { answered: once.outcome ? 'yes' : 'no', outcome: once.outcome ?? '' };
          await sendEphemeral(replyDeps(client), src, [infoCard(t('errors.title.conflict'), t('replies-chat.replayed', { command: cmd.command, ...answered }), 'warning')]);
          return;
        }
        const person = await whoIs(client, src);
        if (!person) return;
        const text = decodeSlackText(cmd.text);
        await linkMentions(client, text);
        const ctx = slackCtx(app, person, cmd.channel_id, cmd.channel_name);
        const cards = await app.dispatch(ctx, `${name} ${text}`);
        if (cmd.trigger_id) await recordOutcome(app.ctx.root, 'slack', cmd.trigger_id, outcomeOf(cards));
        await inReaderLang(ctx, () => sendCommandReply(replyDeps(client, person), src, cards));
        if (cards.some((c) => c.kind !== 'error')) refreshHome(client, person, cmd.user_id);
      } catch (err) {
        await fail(client, src, err, cmd.command);
      }
    });
  }));

  bolt.action({ type: 'block_actions', action_id: new RegExp(`^${ACTION_ID_PREFIX}\\.`) }, tracked<SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs>(async ({ ack, body, client }) => {
    await ack();
    const b = blockActions.parse(body);
    const a = b.actions[0]!;
    const meta = parseSlackActionId(a.action_id);
    const value = a.selected_option?.value ?? a.value;
    const home = b.container?.type === 'view' || b.view?.type === 'home';
    const src: Source = {
      userId: b.user.id,
      channel: b.container?.channel_id ?? b.channel?.id,
      channelName: b.channel?.name,
      ts: b.container?.message_ts ?? b.message?.ts,
      ephemeral: b.container?.is_ephemeral ?? false,
      home,
      responseUrl: b.response_url,
    };
    if (!meta || !value) return;
    try {
      if (meta.kind === 'reason') {
        // Trigger ids die 3 s after the click: open the modal before anything slow (no lookups).
        if (!b.trigger_id) throw new Error('block_actions without trigger_id');
        const where = { channel: src.channel, channelName: src.channelName, ts: src.ts, ephemeral: src.ephemeral, home: src.home, responseUrl: src.responseUrl };
        const md = { v: value, required: meta.required, ...where };
        const first = reasonModal(meta, md);
        const opened = await client.views.open({ trigger_id: b.trigger_id, view: first });
        // Then in the clicker's language, when that reads differently from what opened.
        const mine = await reasonModalForClicker(client, src, meta, md).catch((err: unknown) => {
          log.warn({ err: (err as Error).message }, 'the reason modal stays in the card\'s words');
          return undefined;
        });
        const visible = (v: typeof first) => JSON.stringify({ ...v, private_metadata: undefined });
        if (mine && opened.view?.id && visible(mine) !== visible(first)) {
          await client.views.update({ view_id: opened.view.id, ...(opened.view.hash ? { hash: opened.view.hash } : {}), view: mine });
        }
        return;
      }
      if (meta.kind === 'form') {
        // Open first (the trigger dies in 3 s), then fill the fields from the database: the
        // card's copy may be stale and a message body does not fit in a button.
        if (!b.trigger_id) throw new Error('block_actions without trigger_id');
        const where = { v: value, channel: src.channel, channelName: src.channelName, ts: src.ts, ephemeral: src.ephemeral, home: src.home, responseUrl: src.responseUrl };
        const opened = await client.views.open({ trigger_id: b.trigger_id, view: loadingModal() });
        const viewId = opened.view?.id;
        if (!viewId) throw new Error('views.open returned no view id');
        const who = await identity.resolve(client, src.userId);
        let view;
        if (!who.person) view = noticeModal(t('replies-chat.who-are-you'), [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(unknownUserText(who.email)) } }]);
        else {
          const person = who.person;
          const ctx = slackCtx(app, person, src.channel, src.channelName);
          const r = await app.form(ctx, value);
          // The modal's own words (Save, Cancel, a notice's rendering) in the clicker's language, like the form.
          const lang = await readerLang(ctx);
          view = inLanguage(lang, () =>
            'form' in r ? formModal(r.form, { ...where, lang }) : noticeModal(r.card.title, renderSlack(r.card, { maxBlocks: 100, noHeader: true, zone: person.zone ?? zone }).blocks),
          );
        }
        await client.views.update({ view_id: viewId, ...(opened.view?.hash ? { hash: opened.view.hash } : {}), view });
        return;
      }
      if (!(await firstTime(b.trigger_id)).first) return;
      await runAction(client, src, value, {});
    } catch (err) {
      const code = slackErrorCode(err);
      if (code && TRIGGER_GONE.has(code)) {
        // Slack allows 3 s between a click and its form; the bot took longer. Nothing ran.
        log.warn({ code }, 'a form could not open: its trigger id had expired');
        const lang = await clickerLang(client, src.userId).catch(() => undefined);
        const late = inLanguage(lang ?? 'en', () => infoCard(t('replies-chat.form-late-title'), t('replies-chat.form-late'), 'warning'));
        await sendEphemeral(replyDeps(client), src, [late]).catch((e: unknown) => log.error({ err: e }, 'could not tell the user about an expired trigger'));
        return;
      }
      await fail(client, src, err, 'block_actions');
    }
  }));

  bolt.view({ type: 'view_submission', callback_id: REASON_VIEW }, tracked<SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs>(async ({ ack, body, client }) => {
    const sub = readReasonSubmission(body);
    if (!sub) {
      await ack();
      return;
    }
    if (sub.md.required && !sub.reason) {
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: inLanguage(sub.md.lang ?? 'en', () => t('replies-chat.give-reason')) } });
      return;
    }
    await ack();
    const { user, trigger_id: triggerId } = submitter.parse(body);
    const userId = user.id;
    const src: Source = { userId, channel: sub.md.channel, channelName: sub.md.channelName, ts: sub.md.ts, ephemeral: sub.md.ephemeral, home: sub.md.home, responseUrl: sub.md.responseUrl };
    try {
      if (!(await firstTime(triggerId)).first) return;
      await runAction(client, src, sub.md.v, sub.reason ? { reason: sub.reason } : {});
    } catch (err) {
      await fail(client, src, err, 'view_submission');
    }
  }));

  bolt.view({ type: 'view_submission', callback_id: FORM_VIEW }, tracked<SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs>(async ({ ack, body, client }) => {
    const sub = readFormSubmission(body);
    if (!sub) {
      await ack();
      return;
    }
    const errors = inLanguage(sub.md.lang ?? 'en', () => emptyFieldErrors(sub.md, sub.values));
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const { user, trigger_id: triggerId } = submitter.parse(body);
    const userId = user.id;
    const src: Source = { userId, channel: sub.md.channel, channelName: sub.md.channelName, ts: sub.md.ts, ephemeral: sub.md.ephemeral, home: sub.md.home, responseUrl: sub.md.responseUrl };
    try {
      // The verb runs after the ack: what it refuses (no longer a draft) comes back as a reply.
      if (!(await firstTime(triggerId)).first) return;
      await runAction(client, src, sub.md.v, { values: sub.values });
    } catch (err) {
      await fail(client, src, err, 'view_submission');
    }
  }));

  // Slash commands cannot carry files: a file goes to the bot in a DM with the command as its text.
  bolt.event('message', tracked<SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs>(async ({ event, body, client, context }) => {
    const m = directMessage.safeParse(event);
    if (!m.success) return;
    const dm = m.data;
    const src: Source = { userId: dm.user, channel: dm.channel, home: false };
    // A direct message has one reader: once known, their zone.
    const reply = async (cards: Card[], person?: Person) => {
      const r = renderSlackMany(cards, { zone: person?.zone ?? zone });
      await client.chat.postMessage({ channel: dm.channel, thread_ts: dm.files?.length ? dm.ts : undefined, ...r });
    };
    try {
      const text = decodeSlackText(dm.text).trim().replace(/^\//, '');
      const name = text.split(/\s+/)[0]?.toLowerCase() ?? '';
      const cmd = app.router.find(name);
      if (!cmd || cmd.terminalOnly) {
        await reply([infoCard(t('replies-chat.send-command-title'), t('replies-chat.send-command'))]);
        return;
      }
      if (!(await firstTime(typeof body.event_id === 'string' ? `event:${body.event_id}` : undefined)).first) return;
      const who = await identity.resolve(client, dm.user);
      if (!who.person) {
        await reply([infoCard(t('replies-chat.who-are-you'), unknownUserText(who.email), 'warning')]);
        return;
      }
      await linkMentions(client, text);
      const files = dm.files?.length ? await downloadFiles(dm.files, String(context.botToken ?? ''), app.ctx.services.maxAttachmentBytes) : undefined;
      const ctx = slackCtx(app, who.person, dm.channel, 'directmessage');
      const cards = await app.dispatch(ctx, text, files);
      await inReaderLang(ctx, () => reply(cards, who.person));
      refreshHome(client, who.person, dm.user);
    } catch (err) {
      if (err instanceof AppError) await reply([errorCard(err.code, err.message, err.details)]);
      else await fail(client, src, err, 'direct message');
    }
  }));

  bolt.event('app_home_opened', tracked<SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs>(async ({ event, client }) => {
    const e = homeOpened.parse(event);
    if (e.tab && e.tab !== 'home') return;
    try {
      await publishHome(client, e.user);
    } catch (err) {
      log.error({ err }, 'App Home publish failed');
    }
  }));

  bolt.error(async (err) => {
    log.error({ err: err.message, code: err.code }, 'Bolt error');
  });

  return {
    async idle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
