import { card } from '../cards/card.js';
import { infoCard } from '../cards/build/error.js';
import { messageCard } from '../cards/build/message.js';
import { createDraft } from '../src/messages/create-draft.js';
import { discardMessage } from '../src/messages/discard-message.js';
import { editMessage } from '../src/messages/edit-message.js';
import { listMessages, showMessage } from '../src/messages/list-messages.js';
import { sendMessage } from '../src/messages/send-message.js';
import { setAutoSend } from '../src/messages/set-auto-send.js';
import { jobRefSchema } from './check.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';

function messageId(text: string | undefined): number {
  const id = Number((text ?? '').replace(/^#/, ''));
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(t('errors-commands.message-number'));
  return id;
}

export const messageCommand: Command = {
  name: 'message',
  get summary() {
    return t('commands.message.summary');
  },
  get usage() {
    return usageLines('commands.message.usage');
  },
  get example() {
    return t('commands.message.example');
  },
  async run(ctx, args) {
    const [sub, ...rest] = args.words;
    const secret = ctx.services.actionSecret;
    switch (sub?.toLowerCase()) {
      case undefined:
        throw new UsageError(t('errors-commands.message-which'));
      case 'show':
        return messageCard(await showMessage(ctx, { message: messageId(rest[0]) }), secret);
      case 'list': {
        const job = jobRefSchema.parse(rest[0]);
        const list = await listMessages(ctx, { job });
        if (!list.length) return infoCard(t('replies-message.none-title', { job: job.toUpperCase() }), t('replies-message.none'));
        const columns = (['number', 'kind', 'status', 'to', 'sent'] as const).map((c) => t(`replies-message.col.${c}`));
        return card('message', t('replies-message.list-title', { about: list[0]!.about }), {
          blocks: [{ type: 'table', columns, rows: list.map((m) => [String(m.row.id), m.row.kind, m.row.status, m.row.recipients.join(', '), m.row.sentAt ? [{ time: m.row.sentAt }] : '']) }],
          context: [t('replies-message.open-one')],
        });
      }
      case 'send':
        return messageCard(await sendMessage(ctx, { message: messageId(rest[0]) }), secret);
      case 'discard':
        return messageCard(await discardMessage(ctx, { message: messageId(rest[0]), reason: rest.slice(1).join(' ') || undefined }), secret);
      case 'edit': {
        const id = messageId(rest[0]);
        // The raw text keeps the dispatcher's punctuation and quotes exactly as typed.
        const body = args.rest.replace(/^\s*\S+\s+\S+\s*/, '');
        return messageCard(await editMessage(ctx, { message: id, body }), secret);
      }
      case 'draft': {
        const job = jobRefSchema.parse(rest[0]);
        if (!rest[1]) throw new UsageError(t('errors-commands.message-kind'));
        return messageCard(await showMessage(ctx, { message: await createDraft(ctx, { job, kind: rest[1] }) }), secret);
      }
      case 'auto': {
        const mode = rest[0]?.toLowerCase();
        if (mode !== 'on' && mode !== 'off') throw new UsageError(t('errors-commands.message-auto'));
        const r = await setAutoSend(ctx, { on: mode === 'on', team: rest[1] });
        return infoCard(t('replies-message.auto-title'), t('replies-message.auto', { team: r.team, on: r.on ? 'yes' : 'no' }), 'good');
      }
      default:
        if (sub && /^#?\d+$/.test(sub)) return messageCard(await showMessage(ctx, { message: messageId(sub) }), secret);
        throw new UsageError(t('errors-commands.unknown-sub', { command: 'message', sub }));
    }
  },
};
