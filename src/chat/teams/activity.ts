/**
 * The parts of an inbound Bot Framework activity this adapter reads, parsed with zod. The SDK
 * hands activities over as they arrived (its own TODO says it casts); nothing here trusts a field
 * that was not parsed.
 */
import { z } from 'zod';

const account = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

const attachment = z.object({
  contentType: z.string(),
  contentUrl: z.string().optional(),
  name: z.string().optional(),
  content: z.unknown().optional(),
});

const mention = z.object({
  type: z.literal('mention'),
  mentioned: z.object({ id: z.string(), name: z.string().optional() }),
  text: z.string().optional(),
});

export const activitySchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  serviceUrl: z.url(),
  from: account,
  recipient: account,
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    name: z.string().optional(),
  }),
  text: z.string().optional(),
  textFormat: z.string().optional(),
  value: z.unknown().optional(),
  replyToId: z.string().optional(),
  attachments: z.array(attachment).optional(),
  entities: z.array(z.unknown()).optional(),
  /** the sender's IANA zone, as Teams clients send it (also in the clientInfo entity) */
  localTimezone: z.string().optional(),
  /** the sender's client language, as Teams sends it on every activity ("fr-FR", "en-us") */
  locale: z.string().optional(),
  channelData: z
    .object({
      tenant: z.object({ id: z.string() }).optional(),
      /** aadGroupId: the team's Microsoft 365 group id, Graph's name for the team */
      team: z.object({ id: z.string(), name: z.string().optional(), aadGroupId: z.string().optional() }).optional(),
      channel: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    })
    .optional(),
});

export type Inbound = z.infer<typeof activitySchema>;
export type InboundAttachment = z.infer<typeof attachment>;

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export function conversationKind(a: Inbound): ConversationKind {
  const t = a.conversation.conversationType;
  if (t === 'channel' || t === 'groupChat') return t;
  return 'personal';
}

export function tenantOf(a: Inbound): string | undefined {
  return a.channelData?.tenant?.id ?? a.conversation.tenantId;
}

/** A channel thread's id carries `;messageid=`; posts to the channel itself go to the bare id. */
export function channelConversationId(id: string): string {
  return id.replace(/;messageid=\d+$/, '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e] ?? '');
}

/**
 * The command typed: the bot's own @mention removed wherever it is, other mentions reduced to the
 * name (someone may type "job assign J-1 @Tom"), HTML from rich-text clients flattened.
 */
export function commandText(a: Inbound): string {
  let text = a.text ?? '';
  const botNames = new Set<string>();
  for (const e of a.entities ?? []) {
    const m = mention.safeParse(e);
    if (m.success && m.data.mentioned.id === a.recipient.id && m.data.text) botNames.add(m.data.text);
  }
  for (const t of botNames) text = text.split(t).join(' ');
  text = text.replace(/<at[^>]*>([\s\S]*?)<\/at>/gi, (_, name: string) => (a.recipient.name && name.trim() === a.recipient.name ? ' ' : name));
  if (a.textFormat && a.textFormat !== 'plain') text = text.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '');
  return decodeEntities(text).replace(/\u00a0/g, ' ').trim();
}

const clientInfo = z.object({ type: z.literal('clientInfo'), timezone: z.string().min(1) }).loose();
const clientLocale = z.object({ type: z.literal('clientInfo'), locale: z.string().min(1) }).loose();

/** The sender's client language ("fr-FR") when Teams says it: the activity's `locale`, else the clientInfo entity's. */
export function senderLocale(a: Inbound): string | undefined {
  if (a.locale) return a.locale;
  for (const e of a.entities ?? []) {
    const c = clientLocale.safeParse(e);
    if (c.success) return c.data.locale;
  }
  return undefined;
}

/** The sender's IANA zone (Europe/Paris) when their Teams client says it, else undefined. */
export function senderZone(a: Inbound): string | undefined {
  for (const e of a.entities ?? []) {
    const c = clientInfo.safeParse(e);
    if (c.success) return c.data.timezone;
  }
  return a.localTimezone;
}
