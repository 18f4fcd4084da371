/**
 * The reason modal: a button whose card action asks for a reason opens this first; the submission
 * carries the signed action payload back in private_metadata (Slack returns it untouched), so the
 * verb runs once, with the typed reason, on view_submission.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { ActionForm } from '../../../cards/card.js';
import { clip, type SlackActionMeta } from '../../../cards/slack.js';
import { LANGS } from '../../i18n/lang.js';
import { t } from '../../i18n/t.js';

export const REASON_VIEW = 'co_reason';
export const REASON_BLOCK = 'reason';
export const REASON_INPUT = 'reason';

/** Where the click came from, so the submission can update that message. */
export const reasonMetadata = z.object({
  /** the signed action payload */
  v: z.string().min(1).max(2000),
  required: z.boolean(),
  channel: z.string().optional(),
  channelName: z.string().optional(),
  ts: z.string().optional(),
  ephemeral: z.boolean().optional(),
  home: z.boolean().optional(),
  responseUrl: z.string().optional(),
  /** the clicker's language, once known: what the submission's own errors are written in */
  lang: z.enum(LANGS).optional(),
});
export type ReasonMetadata = z.infer<typeof reasonMetadata>;

const METADATA_MAX = 3000;

export function reasonModal(meta: Extract<SlackActionMeta, { kind: 'reason' }>, md: ReasonMetadata): types.ModalView {
  let privateMetadata = JSON.stringify(md);
  // A long payload plus a response_url could pass Slack's 3,000: the URL is the one to lose.
  if (privateMetadata.length > METADATA_MAX) privateMetadata = JSON.stringify({ ...md, responseUrl: undefined });
  return {
    type: 'modal',
    callback_id: REASON_VIEW,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: clip(meta.title || t('cards-render.reason'), 24), emoji: true },
    submit: { type: 'plain_text', text: t('replies-chat.submit') },
    close: { type: 'plain_text', text: t('replies-chat.cancel') },
    blocks: [
      {
        type: 'input',
        block_id: REASON_BLOCK,
        optional: !meta.required,
        label: { type: 'plain_text', text: clip(meta.label || t('cards-render.reason'), 2000), emoji: true },
        element: { type: 'plain_text_input', action_id: REASON_INPUT, multiline: true, max_length: 1000 },
      },
    ],
  };
}

const submission = z.object({
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).loose())) }),
  }),
});

/** A modal submission's private_metadata read by `metadata`, and its typed values; null when it is not one of ours. */
function readSubmission<T extends z.ZodTypeAny>(body: unknown, metadata: T) {
  const s = submission.safeParse(body);
  if (!s.success) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(s.data.view.private_metadata);
  } catch {
    return null;
  }
  const md = metadata.safeParse(raw);
  return md.success ? { md: md.data, values: s.data.view.state.values } : null;
}

/** The metadata and the typed reason of a submission; null when it is not one of ours. */
export function readReasonSubmission(body: unknown): { md: ReasonMetadata; reason: string } | null {
  const s = readSubmission(body, reasonMetadata);
  if (!s) return null;
  return { md: s.md, reason: s.values[REASON_BLOCK]?.[REASON_INPUT]?.value?.trim() ?? '' };
}

/**
 * The form modal (a draft's Edit button): opened at once with a placeholder (the trigger id lives
 * 3 s), then replaced by views.update with the fields prefilled from the database, or with why
 * they cannot be filled. The submission carries the signed action back in private_metadata.
 */
export const FORM_VIEW = 'co_form';
/** each field's input is `v.<key>` (action ids are unique within a block; ours are unique in the view) */
const formInputId = (key: string) => `v.${key}`;
/** Slack's plain_text_input holds at most 3,000 characters */
export const SLACK_INPUT_MAX = 3000;

export const formMetadata = reasonMetadata.omit({ required: true }).extend({
  /** keys of the fields that cannot be left empty */
  req: z.array(z.string().max(40)).max(20),
});
export type FormMetadata = z.infer<typeof formMetadata>;

const formBlockId = (key: string) => `f.${key}`;

export function loadingModal(): types.ModalView {
  return {
    type: 'modal',
    callback_id: FORM_VIEW,
    title: { type: 'plain_text', text: t('replies-chat.loading') },
    close: { type: 'plain_text', text: t('replies-chat.cancel') },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t('replies-chat.loading') } }],
  };
}

/** A modal that only says something (no submit): the form cannot be filled, or the clicker may not. */
export function noticeModal(title: string, blocks: types.KnownBlock[]): types.ModalView {
  return { type: 'modal', callback_id: FORM_VIEW, title: { type: 'plain_text', text: clip(title || t('replies-chat.sorry'), 24) }, close: { type: 'plain_text', text: t('replies-chat.close') }, blocks: blocks.length ? blocks : [{ type: 'section', text: { type: 'mrkdwn', text: '–' } }] };
}

export function formModal(form: ActionForm, md: Omit<FormMetadata, 'req'>): types.ModalView {
  const tooLong = form.fields.find((f) => (f.value?.length ?? 0) > SLACK_INPUT_MAX);
  const notice = form.notice ?? (tooLong ? t('replies-chat.too-long-for-slack', { label: tooLong.label, max: SLACK_INPUT_MAX }) : undefined);
  if (notice) return noticeModal(form.title, [{ type: 'section', text: { type: 'plain_text', text: clip(notice, 3000) } }]);
  const full: FormMetadata = { ...md, req: form.fields.filter((f) => f.required).map((f) => f.key) };
  let privateMetadata = JSON.stringify(full);
  if (privateMetadata.length > METADATA_MAX) privateMetadata = JSON.stringify({ ...full, responseUrl: undefined });
  return {
    type: 'modal',
    callback_id: FORM_VIEW,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: clip(form.title, 24) },
    submit: { type: 'plain_text', text: clip(form.submit || t('replies-chat.save'), 24) },
    close: { type: 'plain_text', text: t('replies-chat.cancel') },
    blocks: form.fields.map((f) => ({
      type: 'input',
      block_id: formBlockId(f.key),
      optional: !f.required,
      label: { type: 'plain_text', text: clip(f.label, 2000) },
      element: {
        type: 'plain_text_input',
        action_id: formInputId(f.key),
        multiline: f.multiline ?? false,
        max_length: Math.min(f.maxLength ?? SLACK_INPUT_MAX, SLACK_INPUT_MAX),
        ...(f.value ? { initial_value: f.value } : {}),
      },
    })),
  };
}

/** The metadata and the typed values of a form submission; null when it is not one of ours. */
export function readFormSubmission(body: unknown): { md: FormMetadata; values: Record<string, string> } | null {
  const s = readSubmission(body, formMetadata);
  if (!s) return null;
  const values: Record<string, string> = {};
  for (const [block, inputs] of Object.entries(s.values)) {
    if (!block.startsWith('f.')) continue;
    const key = block.slice(2);
    values[key] = inputs[formInputId(key)]?.value ?? '';
  }
  return { md: s.md, values };
}

/** Slack's `errors` for required fields left empty, keyed by block id; empty when all is filled. */
export function emptyFieldErrors(md: FormMetadata, values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of md.req) if (!values[key]?.trim()) errors[formBlockId(key)] = t('replies-chat.required');
  return errors;
}
