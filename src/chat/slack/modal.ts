/**
 * The reason modal: a button whose card action asks for a reason opens this first; the submission
 * carries the signed action payload back in private_metadata (Slack returns it untouched), so the
 * verb runs once, with the typed reason, on view_submission.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { clip, type SlackActionMeta } from '../../../cards/slack.js';

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
    title: { type: 'plain_text', text: clip(meta.title || 'Reason', 24), emoji: true },
    submit: { type: 'plain_text', text: 'Submit' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: REASON_BLOCK,
        optional: !meta.required,
        label: { type: 'plain_text', text: clip(meta.label || 'Reason', 2000), emoji: true },
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

/** The metadata and the typed reason of a submission; null when it is not one of ours. */
export function readReasonSubmission(body: unknown): { md: ReasonMetadata; reason: string } | null {
  const s = submission.safeParse(body);
  if (!s.success) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(s.data.view.private_metadata);
  } catch {
    return null;
  }
  const md = reasonMetadata.safeParse(raw);
  if (!md.success) return null;
  const reason = s.data.view.state.values[REASON_BLOCK]?.[REASON_INPUT]?.value?.trim() ?? '';
  return { md: md.data, reason };
}
