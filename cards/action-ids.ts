/**
 * Button payloads: the only place action ids are built and read. A payload carries ids only and
 * is signed, so a tampered or forged button is refused before any verb runs; the verb still
 * checks the clicker's role and the subject's state.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { alertActSchema } from '../src/rules/fallbacks.js';

export const actionSchema = z.discriminatedUnion('t', [
  /** act on a breach-risk alert; `person` is the technician picked for reassign */
  z.object({ t: z.literal('alert'), alert: z.number().int(), act: alertActSchema, person: z.number().int().optional() }),
  z.object({ t: z.literal('decide'), approval: z.number().int(), approve: z.boolean() }),
  /** tick checklist step `step` of task `code` on a job */
  z.object({ t: z.literal('tick'), job: z.number().int(), code: z.string().max(40), step: z.number().int() }),
  /** send, discard or edit (subject and body typed in a form) a drafted customer message */
  z.object({ t: z.literal('msg'), message: z.number().int(), act: z.enum(['send', 'discard', 'edit']) }),
  /**
   * ask for approval of out-of-scope work that was just refused; `start`/`end` (Unix seconds) are
   * the refused entry's span, so the quote is priced when the work was done (after hours, weekend)
   */
  z.object({ t: z.literal('oos'), job: z.number().int(), code: z.string().max(40), minutes: z.number().int(), start: z.number().int().optional(), end: z.number().int().optional() }),
  /** move a job on from its card */
  z.object({ t: z.literal('status'), job: z.number().int(), to: z.string().max(30) }),
  /** correct a recorded time entry from the technician's day: edit (a form) or delete (a reason) */
  z.object({ t: z.literal('entry'), entry: z.number().int(), act: z.enum(['edit', 'delete']) }),
  /**
   * handle a /mydata flag from its card: correct the flagged time entry (`edit`, `delete`: a form
   * with the reason prefilled from the flag), mark a flag on another record `fixed`, or `decline` it
   */
  z.object({ t: z.literal('flag'), flag: z.number().int(), act: z.enum(['edit', 'delete', 'fixed', 'decline']) }),
  /**
   * act on a job from the dispatch queue: give it to `person`, set its ETA (a form), or open it;
   * `team`, `site` and `assignee` (a person id) are the queue's filters, kept for the queue shown after
   */
  z.object({
    t: z.literal('queue'),
    job: z.number().int(),
    act: z.enum(['assign', 'eta', 'open']),
    person: z.number().int().optional(),
    team: z.string().max(40).optional(),
    site: z.string().max(40).optional(),
    assignee: z.number().int().optional(),
  }),
]);

export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action['t'];

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url').slice(0, 16);
}

/**
 * `<prefix>.<base64url JSON>.<signature>`. Card references sign their prefix too, so neither kind of
 * token passes for the other; action ids sign the body alone (the format buttons already posted carry).
 */
function seal(prefix: string, value: unknown, secret: string, signPrefix: boolean): string {
  const body = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${prefix}.${body}.${sign(signPrefix ? `${prefix}.${body}` : body, secret)}`;
}

function unseal<T>(token: string, prefix: string, schema: z.ZodType<T>, secret: string, signPrefix: boolean): T | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== prefix) return null;
  const [, body, sig] = parts as [string, string, string];
  const expected = Buffer.from(sign(signPrefix ? `${prefix}.${body}` : body, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function encodeAction(a: Action, secret: string): string {
  return seal('a1', actionSchema.parse(a), secret, false);
}

/** null when the payload is malformed, unsigned or signed with another key. */
export function decodeAction(id: string, secret: string): Action | null {
  return unseal(id, 'a1', actionSchema, secret, false);
}

/**
 * A signed reference to a card: the outbox subject it is built from (`approval` 12). Platforms that
 * show each person their own copy of a card (Teams' `refresh`) send it back to ask for the card
 * again for one viewer. It names the card only; what the viewer may do is still the verbs' call.
 */
export const cardRefSchema = z.object({ kind: z.string().min(1).max(30), id: z.string().min(1).max(40) });
export type CardRef = z.infer<typeof cardRefSchema>;

export function encodeCardRef(r: CardRef, secret: string): string {
  return seal('r1', cardRefSchema.parse(r), secret, true);
}

/** null when the reference is malformed, unsigned or signed with another key. */
export function decodeCardRef(ref: string, secret: string): CardRef | null {
  return unseal(ref, 'r1', cardRefSchema, secret, true);
}

/**
 * The type of an action id without checking its signature, for what a platform shows or routes
 * on before the click reaches `decodeAction` (Teams' Action.Execute `verb`). Never decide on it.
 */
export function peekActionType(id: string): ActionType | null {
  const body = id.split('.')[1];
  if (!body) return null;
  try {
    const t = (JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { t?: unknown }).t;
    return actionSchema.options.some((o) => o.shape.t.value === t) ? (t as ActionType) : null;
  } catch {
    return null;
  }
}
