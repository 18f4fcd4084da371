/**
 * A real SMTP server for tests (the smtp-server package) on 127.0.0.1, port chosen by the system,
 * with a small MIME reader for what nodemailer sends (text/plain, quoted-printable or base64,
 * multipart with attachments). Tests close it in afterAll.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  headers: Map<string, string>;
  subject: string;
  messageId: string;
  text: string;
  attachments: { filename: string; contentType: string; data: Buffer }[];
}

export interface TestSmtp {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

function headersOf(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_m, _cs: string, enc: string, body: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(body, 'base64').toString('utf8') : Buffer.from(body.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (enc === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
    return Buffer.from(bytes);
  }
  return Buffer.from(body, 'utf8');
}

function split(raw: string): { head: Map<string, string>; body: string } {
  const i = raw.search(/\r?\n\r?\n/);
  const m = /\r?\n\r?\n/.exec(raw.slice(i))!;
  return { head: headersOf(raw.slice(0, i)), body: raw.slice(i + m[0].length) };
}

export function parseMail(raw: string, from: string, to: string[]): Received {
  const { head, body } = split(raw);
  const parts: { head: Map<string, string>; body: string }[] = [];
  const ct = head.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(ct)?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      parts.push(split(chunk.replace(/^\r?\n/, '')));
    }
  } else parts.push({ head, body });
  let text = '';
  const attachments: Received['attachments'] = [];
  for (const p of parts) {
    const type = (p.head.get('content-type') ?? 'text/plain').split(';')[0]!.trim();
    const data = decodeBody(p.body.replace(/\r?\n$/, ''), p.head.get('content-transfer-encoding'));
    const name = /filename="?([^";]+)"?/i.exec(p.head.get('content-disposition') ?? '')?.[1];
    if (name) attachments.push({ filename: decodeWords(name), contentType: type, data });
    else if (type === 'text/plain') text += data.toString('utf8');
  }
  return { from, to, headers: head, subject: decodeWords(head.get('subject') ?? ''), messageId: head.get('message-id') ?? '', text: text.replace(/\r\n/g, '\n'), attachments };
}

/** `refuse(address)`: answer RCPT TO with 550, a permanent failure. */
export async function startSmtp(opts: { refuse?: (address: string) => boolean } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.refuse?.(address.address)) {
        const err = Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 });
        cb(err);
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push(parseMail(Buffer.concat(chunks).toString('utf8'), from, session.envelope.rcptTo.map((r) => r.address)));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
