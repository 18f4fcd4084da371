import { pino, type Logger } from 'pino';

export type { Logger };

const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * What a log line may not carry: e-mail addresses always, and the contracts' redaction patterns
 * once the app has loaded them (`use`). Logs are an outbound surface like any other.
 */
export class LogScrubber {
  private redact: (s: string) => string = (s) => s;

  /** the contracts' patterns (a Redactor's `text`), applied to every string of every line */
  use(redact: (s: string) => string): void {
    this.redact = redact;
  }

  text(s: string): string {
    return this.redact(s).replace(EMAIL, '[e-mail]');
  }

  /** Every string of a log object; an error keeps its type, code, message and stack only (a database error's `detail` names row values). */
  value(v: unknown, depth = 0): unknown {
    if (typeof v === 'string') return this.text(v);
    if (v === null || typeof v !== 'object' || depth > 6) return v;
    if (v instanceof Error) {
      const e = v as Error & { code?: unknown; cause?: unknown };
      // No prototype, so pino's error serializer names it by `name` rather than "Object".
      return Object.assign(Object.create(null) as Record<string, unknown>, {
        name: e.name,
        message: this.text(e.message),
        ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
        ...(e.stack ? { stack: this.text(e.stack) } : {}),
        ...(e.cause !== undefined ? { cause: this.value(e.cause, depth + 1) } : {}),
      });
    }
    if (Array.isArray(v)) return v.map((x) => this.value(x, depth + 1));
    if (v instanceof Date) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x, depth + 1)]));
  }
}

/** Secrets are redacted by key wherever they appear in a logged object; text goes through the scrubber. */
export function createLogger(level: string, destination?: pino.DestinationStream, scrubber: LogScrubber = new LogScrubber()): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', 'authorization', '*.token', '*.botToken', '*.signingSecret', '*.clientSecret', '*.appToken', '*.password', '*.authorization', 'headers.authorization', '*.DATABASE_URL', '*.SMTP_URL'],
        censor: '[secret]',
      },
      formatters: { log: (obj) => scrubber.value(obj) as Record<string, unknown> },
      hooks: {
        // The message text too: `log.warn(\`... ${x}\`)` must not carry what the fields may not.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubber.text(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(2),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
