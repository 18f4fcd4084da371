/**
 * Field links: the only way into the field pages. A link names one purpose and one job (and the
 * approval or person it is for), carries its expiry, and is signed with the action secret under
 * its own prefix, so neither a button payload nor a link of another purpose passes for it.
 * Checking says why a link is refused, as a code: altered or foreign (403) or past its expiry (410).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const LINK_PURPOSES = ['quote', 'report', 'sign', 'check'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** How long each kind of link works, in seconds (docs/field.md). */
export const LINK_TTL_S: Record<LinkPurpose, number> = {
  quote: 14 * 86_400,
  report: 30 * 86_400,
  sign: 12 * 3_600,
  check: 3 * 86_400,
};

const linkSchema = z.object({
  p: z.enum(LINK_PURPOSES),
  /** jobs.id */
  j: z.number().int().positive(),
  /** approvals.id (quote) */
  a: z.number().int().positive().optional(),
  /** people.id of the technician the link was given to (check, sign) */
  u: z.number().int().positive().optional(),
  /** expiry, Unix seconds */
  x: z.number().int(),
});
export type Link = z.infer<typeof linkSchema>;

const PREFIX = 'f1';

function mac(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

export function signLink(link: Omit<Link, 'x'>, secret: string, now: Date, ttlS = LINK_TTL_S[link.p]): string {
  const full = linkSchema.parse({ ...link, x: Math.floor(now.getTime() / 1000) + ttlS });
  const body = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${PREFIX}.${body}.${mac(secret, `${PREFIX}.${body}`)}`;
}

/**
 * Why a link is refused, as a code its page words: `altered` (not signed by us, cut, or another
 * page's) or `expired`; an expired link is still ours, so it says whom it was for.
 */
export type LinkCheck = { ok: true; link: Link } | { ok: false; status: 403; refused: 'altered' } | { ok: false; status: 410; refused: 'expired'; link: Link };

export function checkLink(token: string, purpose: LinkPurpose, secret: string, now: Date): LinkCheck {
  const altered = { ok: false as const, status: 403 as const, refused: 'altered' as const };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return altered;
  const [, body, sig] = parts as [string, string, string];
  const expected = Buffer.from(mac(secret, `${PREFIX}.${body}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return altered;
  let link: Link;
  try {
    const parsed = linkSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!parsed.success) return altered;
    link = parsed.data;
  } catch {
    return altered;
  }
  if (link.p !== purpose) return altered;
  if (link.x * 1000 <= now.getTime()) return { ok: false, status: 410, refused: 'expired', link };
  return { ok: true, link };
}

/** The form token of a page: bound to its link, so a form posted from anywhere else is refused. */
export function csrfToken(token: string, secret: string): string {
  return mac(secret, `csrf.${token}`);
}

export function checkCsrf(token: string, given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(csrfToken(token, secret));
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The path of a page for a link; `base` is PUBLIC_URL when the link leaves the server (e-mail, chat). */
export function linkPath(purpose: LinkPurpose, token: string): string {
  return `/f/${purpose}/${token}`;
}

export function linkUrl(base: string | undefined, purpose: LinkPurpose, token: string): string {
  return `${(base ?? '').replace(/\/+$/, '')}${linkPath(purpose, token)}`;
}

/** A signed page link from the server's settings; undefined when PUBLIC_URL is unset (nobody outside could open it). */
export function publicLink(services: { publicUrl?: string; actionSecret: string }, link: Omit<Link, 'x'>, now: Date): string | undefined {
  if (!services.publicUrl) return undefined;
  return linkUrl(services.publicUrl, link.p, signLink(link, services.actionSecret, now));
}

/**
 * The phone checklist link for whoever asks, when they are the job's assigned technician: the
 * link acts as them, so nobody else is given it.
 */
export function checklistLinkFor(ctx: { actor: { person: { id: number } | null }; services: { publicUrl?: string; actionSecret: string }; clock: { now(): Date } }, job: { id: number; assigneeId: number | null }): string | undefined {
  const me = ctx.actor.person;
  if (!me || job.assigneeId !== me.id) return undefined;
  return publicLink(ctx.services, { p: 'check', j: job.id, u: me.id }, ctx.clock.now());
}
