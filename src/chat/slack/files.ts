/**
 * Files sent to the bot in a direct message, downloaded for the command typed with them (/attach,
 * /contract amend). Slack serves them only with the bot token; a file larger than the configured
 * limit is not downloaded at all (the verb would refuse it anyway, after the transfer).
 */
import { z } from 'zod';
import type { Args } from '../../../commands/command.js';
import { tooLarge } from '../../errors.js';
import { t } from '../../i18n/index.js';

export const slackFile = z
  .object({
    id: z.string(),
    name: z.string().default('file'),
    mimetype: z.string().default('application/octet-stream'),
    size: z.number().int().nonnegative().optional(),
    url_private_download: z.string().url().optional(),
    url_private: z.string().url().optional(),
  })
  .loose();
export type SlackFile = z.infer<typeof slackFile>;

export async function downloadFiles(files: SlackFile[], botToken: string, maxBytes: number): Promise<NonNullable<Args['files']>> {
  const out: NonNullable<Args['files']> = [];
  for (const f of files) {
    if (f.size !== undefined && f.size > maxBytes) throw tooLarge(t('errors-chat.file-too-large', { file: f.name, size: String(Math.ceil(f.size / 1024 / 1024)), max: String(Math.floor(maxBytes / 1024 / 1024)) }));
    const url = f.url_private_download ?? f.url_private;
    if (!url) continue;
    const res = await fetch(url, { headers: { authorization: `Bearer ${botToken}` }, redirect: 'follow' });
    if (!res.ok) throw new Error(`downloading ${f.name} from Slack failed: HTTP ${res.status}`);
    // Without a valid token (or files:read) Slack answers 200 with its sign-in page, not the file.
    if ((res.headers.get('content-type') ?? '').includes('text/html') && !f.mimetype.includes('html')) throw new Error(`Slack sent a web page instead of ${f.name}: check the files:read scope`);
    const data = Buffer.from(await res.arrayBuffer());
    if (data.length > maxBytes) throw tooLarge(t('errors-chat.file-larger', { file: f.name, max: String(Math.floor(maxBytes / 1024 / 1024)) }));
    out.push({ name: f.name, contentType: f.mimetype, data });
  }
  return out;
}

/**
 * Slack sends & < > as entities in command and message text (they are its markup characters);
 * mentions and channel links stay as <@U…|name> / <#C…|name> tokens, which the verbs understand.
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
