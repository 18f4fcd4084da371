/**
 * The one accessor of a job status's and an SLA window's words (src/i18n/en/job-status.ts): in the current reader's
 * language, or in a voice's (the closing report's); a status the catalog does not know shows as stored.
 */
import { t, type MessageKey, type MessageValues } from './t.js';

export function jobStatusWord(status: string, say: (key: MessageKey, values?: MessageValues) => string = t): string {
  return say('job-status.word', { status });
}

/** "response" or "restore" in the sentence of a card ("intervention", "rétablissement"). */
export function slaWindowWord(window: string): string {
  return t('job-status.window', { window });
}
