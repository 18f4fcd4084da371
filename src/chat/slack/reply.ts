/**
 * Getting cards to people in Slack: command replies (ephemeral unless the card is for the
 * channel; errors always ephemeral), click results (the clicked message rewritten for everyone,
 * problems told to the clicker alone), and images next to a message.
 */
import { basename } from 'node:path';
import type { webApi } from '@slack/bolt';
import type { Card } from '../../../cards/card.js';
import { renderSlackMany, type SlackMessage } from '../../../cards/slack.js';
import { t } from '../../i18n/index.js';
import type { Logger } from '../../log.js';
import { slackErrorCode, TRANSIENT_SLACK_ERRORS } from './errors.js';
import type { WrittenMessages } from './written.js';

type WebClient = webApi.WebClient;

/** Where a command or click came from, and how to answer there. */
export interface Source {
  userId: string;
  /** the channel (or DM) of the command or of the clicked message */
  channel?: string;
  channelName?: string;
  /** the clicked message */
  ts?: string;
  /** the clicked message is an ephemeral one (only response_url can replace it) */
  ephemeral?: boolean;
  /** the click came from the App Home tab */
  home?: boolean;
  responseUrl?: string;
}

export interface ReplyDeps {
  client: WebClient;
  log: Logger;
  /** the zone of cards shared with a channel, where each reader's Slack localizes the <!date> tokens */
  zone: string;
  /** the zone of the person answered privately, when known: their times in code-block tables and fallback text */
  readerZone?: string;
  /** what was last written to each message, shared with the outbox's deliverer */
  written?: WrittenMessages;
}

/** Kinds that report a problem or a notice to the one who asked, never a new state for everyone. */
function isPersonal(c: Card): boolean {
  return c.kind === 'error' || c.kind === 'info';
}

/** POST to a response_url: valid 30 minutes, five times, and works where the bot is no member. */
export async function postResponse(responseUrl: string, message: Record<string, unknown>): Promise<void> {
  const res = await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
  const text = await res.text();
  if (!res.ok) throw new Error(`response_url answered ${res.status}: ${text.slice(0, 200)}`);
  if (text.startsWith('{')) {
    const j = JSON.parse(text) as { ok?: boolean; error?: string };
    if (j.ok === false) throw new Error(`response_url refused the message: ${j.error ?? 'unknown error'}`);
  }
}

function render(cards: Card[], zone: string): SlackMessage {
  return renderSlackMany(cards, { zone });
}

/** Tell only this person. */
export async function sendEphemeral(d: ReplyDeps, src: Source, cards: Card[]): Promise<void> {
  if (!cards.length) return;
  const m = render(cards, d.readerZone ?? d.zone);
  if (src.responseUrl) {
    await postResponse(src.responseUrl, { response_type: 'ephemeral', replace_original: false, ...m });
  } else if (src.channel && !src.home) {
    await d.client.chat.postEphemeral({ channel: src.channel, user: src.userId, ...m });
  } else {
    // No channel (a click in the App Home): a direct message is the only place left.
    await d.client.chat.postMessage({ channel: src.userId, ...m });
  }
  await uploadImages(d, cards, src.channel && !src.home ? src.channel : src.userId);
  await uploadPersonalFiles(d, cards, src.userId);
}

/** A command's answer: cards for the channel go to the channel, everything else to the caller. */
export async function sendCommandReply(d: ReplyDeps, src: Source, cards: Card[]): Promise<void> {
  const shared = cards.filter((c) => c.visibility === 'channel' && c.kind !== 'error');
  const personal = cards.filter((c) => !shared.includes(c));
  if (shared.length) {
    const m = render(shared, d.zone);
    if (src.responseUrl) await postResponse(src.responseUrl, { response_type: 'in_channel', ...m });
    else await d.client.chat.postMessage({ channel: src.channel ?? src.userId, ...m });
    await uploadImages(d, shared, src.channel ?? src.userId);
    await uploadPersonalFiles(d, shared, src.userId);
  }
  await sendEphemeral(d, src, personal);
}

/**
 * After a click: the first card that is a new state of the subject replaces the clicked message
 * (so the channel sees who acted); errors and notices go to the clicker only, and never overwrite
 * the message (a second click on a decided approval must not wipe the decision off the screen).
 */
export async function sendClickResult(d: ReplyDeps, src: Source, cards: Card[]): Promise<{ replaced: boolean }> {
  const primary = cards.find((c) => !isPersonal(c));
  const others = cards.filter((c) => c !== primary);
  let replaced = false;
  if (primary) {
    const m = render([primary], d.zone);
    if (src.home) {
      // The App Home is republished by the caller; that is where the new state shows.
    } else if (src.channel && src.ts && !src.ephemeral) {
      try {
        // The outbox may have rewritten it from the same state already.
        if (!d.written?.unchanged(src.channel, src.ts, m)) {
          await d.client.chat.update({ channel: src.channel, ts: src.ts, ...m });
          d.written?.record(src.channel, src.ts, m);
        }
        replaced = true;
      } catch (err) {
        // The decision is made either way; if the message cannot be rewritten (deleted, too old),
        // the clicker still sees the result.
        d.log.warn({ err: (err as Error).message, channel: src.channel }, 'chat.update after a click failed');
        others.unshift(primary);
      }
    } else if (src.ephemeral && src.responseUrl) {
      await postResponse(src.responseUrl, { replace_original: true, ...m });
      replaced = true;
    } else others.unshift(primary);
  }
  await sendEphemeral(d, src, others);
  return { replaced };
}

export const FILE_UPLOAD_ATTEMPTS = 3;

/** What a failed Slack call says, for the log: its error code, else its message. */
function slackError(err: unknown): string {
  return slackErrorCode(err) ?? (err as { message?: string }).message ?? String(err);
}

/**
 * Files for the reader alone (an export of their data) go to their direct messages with the bot,
 * wherever the command was typed: a channel never sees them. An upload Slack refuses for a passing
 * reason is tried again (FILE_UPLOAD_ATTEMPTS in all); one that still fails is told to the person in
 * the same direct message, with where else to get the content.
 */
export async function uploadPersonalFiles(d: ReplyDeps, cards: Card[], userId: string): Promise<void> {
  const files = cards.flatMap((c) => c.blocks.flatMap((b) => (b.type === 'file' && b.personal ? [b] : [])));
  if (!files.length) return;
  let channel: string | undefined;
  try {
    channel = (await d.client.conversations.open({ users: userId })).channel?.id;
    if (!channel) throw new Error('conversations.open gave no channel');
  } catch (err) {
    d.log.warn({ err: slackError(err), user: userId }, 'no direct message to send files to');
    return;
  }
  for (const f of files) {
    for (let attempt = 1; ; attempt++) {
      try {
        await d.client.filesUploadV2({ channel_id: channel, file: f.path, filename: f.name, title: f.name });
        break;
      } catch (err) {
        const error = slackError(err);
        const again = attempt < FILE_UPLOAD_ATTEMPTS && TRANSIENT_SLACK_ERRORS.has(error);
        d.log.warn({ err: error, user: userId, file: f.name, attempt }, again ? 'file upload to a direct message failed, trying again' : 'file upload to a direct message failed');
        if (again) continue;
        const text = t('files.not-attached', { name: f.name, error, elsewhere: f.elsewhere ?? 'none' });
        await d.client.chat.postMessage({ channel, text }).catch((e: unknown) => d.log.warn({ err: slackError(e), user: userId }, 'could not tell the person a file was not sent'));
        break;
      }
    }
  }
}

/** Images and documents a card refers to by file path are uploaded next to the message (Slack needs a public URL otherwise). */
export async function uploadImages(d: ReplyDeps, cards: Card[], channel: string, threadTs?: string): Promise<void> {
  for (const c of cards) {
    for (const b of c.blocks) {
      const up = b.type === 'image' && b.path ? { path: b.path, title: b.alt, alt: true } : b.type === 'file' && !b.personal ? { path: b.path, title: b.name, alt: false } : undefined;
      if (!up) continue;
      try {
        // The share into the channel completes after this call returns; nothing here waits for it.
        const file = { file: up.path, filename: basename(up.path), title: up.title, ...(up.alt ? { alt_text: up.title } : {}) };
        await (threadTs ? d.client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, ...file }) : d.client.filesUploadV2({ channel_id: channel, ...file }));
      } catch (err) {
        d.log.warn({ err: (err as Error).message, channel }, 'image upload to Slack failed');
      }
    }
  }
}
