/** Words the approval commands share: money, quantities and planned times as people type them. */
import { DateTime } from 'luxon';
import { invalid } from '../src/errors.js';
import { readDuration } from '../src/i18n/duration-reading.js';
import { toMinor } from '../src/rules/units.js';
import { wallClockInstant } from '../src/rules/wall-clock.js';
import { UsageError } from './command.js';
import { t } from '../src/i18n/index.js';

/** "150", "150.00", "EUR 150", "€150", "1,250.00" -> minor units; undefined when not money. */
export function parseMoney(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const t = text.trim().replace(/^(?:[A-Z]{3}\s*|[€$£])/i, '').replace(/,(?=\d{3}\b)/g, '');
  return toMinor(t);
}

/** "2", "1.5" (hours for hourly codes), "2h", "1h30m", "90m" -> a quantity in hours or units. */
export function parseQuantity(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const d = readDuration(text);
  if (d && 'problem' in d) throw invalid(d.problem);
  if (d) return d.minutes > 0 ? d.minutes / 60 : undefined;
  const n = Number(text.trim().replace(',', '.'));
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * A planned instant read in the site's zone: "22:00" is the next 22:00 after `after`,
 * "2026-11-24T22:00" or "2026-11-24 22:00" (two words) is that local time. Returns how many words
 * it used, so a command can read "<from> <to> [why...]".
 */
export function takeWhen(words: string[], i: number, zone: string, after: Date): { at: Date; used: number } | undefined {
  const w = words[i];
  if (!w) return undefined;
  const hm = /^(\d{1,2}):(\d{2})$/.exec(w);
  if (hm) {
    const at = wallClockInstant(Number(hm[1]), Number(hm[2]), zone, after, 'next');
    return at ? { at, used: 1 } : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(w) && words[i + 1] && /^\d{1,2}:\d{2}$/.test(words[i + 1]!)) {
    const d = DateTime.fromISO(`${w}T${words[i + 1]!.padStart(5, '0')}`, { zone });
    return d.isValid ? { at: d.toJSDate(), used: 2 } : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}/.test(w)) {
    const d = DateTime.fromISO(w, { zone });
    return d.isValid ? { at: d.toJSDate(), used: 1 } : undefined;
  }
  return undefined;
}

/** Pull `--at <when>` out of the words (planned work: the quote is priced for that instant). */
export function takeAtOption(words: string[], zone: string, now: Date): { words: string[]; at?: Date } {
  const i = words.findIndex((w) => w === '--at');
  if (i < 0) return { words };
  const got = takeWhen(words, i + 1, zone, now);
  if (!got) throw new UsageError(t('errors-commands.at-time-14'));
  const rest = [...words];
  rest.splice(i, 1 + got.used);
  return { words: rest, at: got.at };
}
