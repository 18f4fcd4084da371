/**
 * Customer messages: drafts on job changes (created, en route, closed), the Send / Discard / Edit
 * buttons (`msg`, Edit's form for Slack's modal), the message card at delivery, and the scheduled
 * task that announces drafts written elsewhere and e-mails queued messages. The mailer is built
 * from configuration by the task factory and injected; nothing here reads the environment.
 */
import { randomBytes } from 'node:crypto';
import { editForm, messageCard } from '../../cards/build/message.js';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import type { Feature } from '../feature.js';
import type { JobChange } from '../jobs/hooks.js';
import type { JobRow } from '../jobs/job-store.js';
import type { TemplateKind } from '../rules/contract-types.js';
import { announceDrafts } from './announce-drafts.js';
import { deliverMessages } from './deliver-messages.js';
import { discardMessage } from './discard-message.js';
import { draftMessage, refreshEtaDrafts } from './draft-message.js';
import { editMessage, requireMessageEditor } from './edit-message.js';
import { loadMessageView } from './load-message.js';
import { createMailer } from './mailer.js';
import { sendMessage } from './send-message.js';

/** Which message a job change calls for, if any. */
export function messageFor(job: JobRow, change: JobChange, detail?: Record<string, unknown>): TemplateKind | undefined {
  // A planned preventive visit was not reported by the customer: no "we received your request".
  if (change === 'created') return job.recurrenceKey ? undefined : 'confirmation';
  if (change === 'status' && detail?.to === 'en_route') return 'departure';
  if (change === 'closed') return 'closing';
  return undefined;
}

/**
 * Draft inside the job change's transaction, under a savepoint: a message that cannot be drafted
 * (a template bug) must not refuse the job change itself. The failure is logged with a reference
 * and the dispatcher can still draft it by hand (/message draft).
 */
async function draftSafely(ctx: Ctx, job: JobRow, kind: TemplateKind): Promise<void> {
  try {
    await ctx.db.transaction(async (sp) => {
      await draftMessage({ ...ctx, db: sp }, job, kind);
    });
  } catch (err) {
    ctx.log.error({ err, ref: randomBytes(4).toString('hex'), job: job.ref, kind }, 'customer message not drafted; the job change went ahead');
  }
}

/** Like draftSafely: a template that fails to render must not refuse the ETA change. */
async function refreshSafely(ctx: Ctx, job: JobRow): Promise<void> {
  try {
    await ctx.db.transaction(async (sp) => {
      await refreshEtaDrafts({ ...ctx, db: sp }, job);
    });
  } catch (err) {
    ctx.log.error({ err, ref: randomBytes(4).toString('hex'), job: job.ref }, 'drafts not rewritten with the new ETA; the ETA change went ahead');
  }
}

export const messagesFeature = {
  name: 'messages',
  jobHooks: [
    async (ctx, job, change, detail) => {
      if (change === 'eta') return refreshSafely(ctx, job);
      const kind = messageFor(job, change, detail);
      if (kind) await draftSafely(ctx, job, kind);
    },
  ],
  actions: {
    msg: async (ctx, action, input) => {
      if (action.act === 'edit') {
        // The same verb as /message edit. A form field left empty arrives missing (Teams leaves out
        // empty inputs): the verb refuses it as empty rather than keeping the old text silently.
        const v = await editMessage(ctx, { message: action.message, body: input.values?.body ?? '', subject: input.values?.subject ?? '' });
        return messageCard(v, ctx.services.actionSecret);
      }
      const v = action.act === 'send' ? await sendMessage(ctx, { message: action.message }) : await discardMessage(ctx, { message: action.message, reason: input.reason });
      return messageCard(v, ctx.services.actionSecret);
    },
  },
  forms: {
    msg: async (ctx, action) => {
      if (action.act !== 'edit') return undefined;
      await requireMessageEditor(ctx, action.message);
      return editForm(await loadMessageView(ctx.db, action.message, ctx.clock.now()));
    },
  },
  loaders: {
    message: async (ctx, id) => {
      try {
        return messageCard(await loadMessageView(ctx.root, Number(id), ctx.clock.now()), ctx.services.actionSecret);
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') return null;
        throw err;
      }
    },
  },
  tasks: (_app, config) => {
    const mailer = createMailer(config);
    return [
      {
        name: 'customer-messages',
        cron: '*/5 * * * * *',
        run: async (ctx) => {
          await announceDrafts(ctx);
          return deliverMessages(ctx, mailer);
        },
      },
    ];
  },
} satisfies Feature;
