import { pino, type Logger } from 'pino';

export type { Logger };

/** Secrets are redacted by key wherever they appear in a logged object. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['*.token', '*.botToken', '*.signingSecret', '*.clientSecret', '*.appToken', '*.password', '*.authorization', 'headers.authorization', '*.DATABASE_URL', '*.SMTP_URL'],
        censor: '[secret]',
      },
    },
    destination ?? pino.destination(2),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
