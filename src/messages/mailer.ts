/**
 * Customer e-mail. The mailer is built once from configuration (SMTP_URL, MAIL_FROM) and injected
 * into the delivery task; nothing here reads the environment. Without SMTP_URL (the terminal demo)
 * messages are written as .eml files under DATA_DIR/mail, so a newcomer can read what would go out.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type nodemailer from 'nodemailer';
import type { Config } from '../config.js';

/**
 * nodemailer is loaded, and the transport made, on the first e-mail: ~13 MB of RSS that a bot
 * sending none (or not yet) does not carry. A bad SMTP_URL is then reported by that first send.
 */
function lazyTransport<T extends { close(): void }>(make: (nm: typeof nodemailer) => T): { get(): Promise<T>; close(): void } {
  let transport: Promise<T> | undefined;
  return {
    get: () => (transport ??= import('nodemailer').then((m) => make(m.default))),
    close: () => void transport?.then((t) => t.close(), () => {}),
  };
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  /** stable per message, so a re-delivery after a crash is recognisably the same e-mail */
  messageId: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  /** "smtp://mail.example.com:587" without credentials, or the folder files go to */
  readonly describe: string;
  /** `rejected`: recipients the server refused while accepting the others */
  send(mail: OutgoingMail): Promise<{ ref: string; rejected: string[] }>;
  close(): void;
}

/**
 * Why an e-mail failed, as data for a reader's language: the mail server refused it, its settings
 * are wrong, the invoice PDF could not be made, or another failure; `detail` is the server's or the
 * system's own words.
 */
export interface MailFailure {
  reason: 'refused' | 'settings' | 'pdf' | 'other';
  detail: string;
}

/**
 * A failure the next attempt may fix (network, 4xx) or one it never will (5xx: no such mailbox).
 * The message is the English line kept on the message and in the log; `failure` is what a reader is told.
 */
export class MailError extends Error {
  readonly failure: MailFailure;
  constructor(
    message: string,
    readonly retryable: boolean,
    failure?: MailFailure,
  ) {
    super(message);
    this.name = 'MailError';
    this.failure = failure ?? { reason: 'other', detail: message };
  }
}

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** SMTP 5xx replies are permanent (RFC 5321 §4.2.1); everything else is worth another try. */
export function classifyMailError(err: unknown): MailError {
  const e = err as NodemailerError;
  const reply = e.responseCode;
  const text = (e.response ?? e.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 300);
  if (typeof reply === 'number' && reply >= 500 && reply < 600) return new MailError(`the mail server refused it (${text})`, false, { reason: 'refused', detail: text });
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'ECONFIG') return new MailError(`the mail server settings are wrong (${e.code}: ${text})`, true, { reason: 'settings', detail: `${e.code}: ${text}` });
  return new MailError(`${e.code ? `${e.code}: ` : ''}${text}`, true);
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return 'smtp';
  }
}

export function smtpMailer(url: string, from: string, opts: { timeoutMs?: number } = {}): Mailer {
  const timeout = opts.timeoutMs ?? 20_000;
  // Timeouts set explicitly: a hanging server must not hold a delivery lease for minutes.
  const transport = lazyTransport((nm) => nm.createTransport({ url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }, { from }));
  return {
    describe: safeUrl(url),
    async send(m) {
      try {
        const info = await (await transport.get()).sendMail({ to: m.to, subject: m.subject, text: m.text, messageId: m.messageId, attachments: m.attachments });
        const rejected = ((info.rejected ?? []) as (string | { address: string })[]).map((r) => (typeof r === 'string' ? r : r.address));
        return { ref: String(info.messageId ?? m.messageId), rejected };
      } catch (err) {
        throw classifyMailError(err);
      }
    },
    close: () => transport.close(),
  };
}

/** Writes each e-mail as an .eml file; for the terminal demo and for trying templates out. */
export function fileMailer(dir: string, from: string): Mailer {
  const transport = lazyTransport((nm) => nm.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from }));
  return {
    describe: dir,
    async send(m) {
      const info = await (await transport.get()).sendMail({ to: m.to, subject: m.subject, text: m.text, messageId: m.messageId, attachments: m.attachments });
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${m.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`);
      await writeFile(file, info.message as Buffer);
      return { ref: `file:${file}`, rejected: [] };
    },
    close: () => transport.close(),
  };
}

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR'>): Mailer {
  return config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : fileMailer(join(config.DATA_DIR, 'mail'), config.MAIL_FROM);
}
