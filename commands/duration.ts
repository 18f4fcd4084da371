/** A duration typed in chat: one word ("1h30m") or spread over a few ("1 h 30"). */
import { invalid } from '../src/errors.js';
import { t } from '../src/i18n/index.js';
import { readDuration } from '../src/i18n/duration-reading.js';

const MAX_WORDS = 4;

/**
 * The duration that starts at `words[i]`: its minutes and how many words it took (the longest run
 * that reads as one). Undefined when the words there are not written like a duration; refused
 * with the reason when they are but cannot be one ("1h75m", "90m15m", "-1h"), or are zero and
 * `nonZero` is asked.
 */
export function takeDuration(words: readonly string[], i: number, opts: { nonZero?: boolean } = {}): { minutes: number; used: number } | undefined {
  for (let k = Math.min(MAX_WORDS, words.length - i); k >= 1; k--) {
    const text = words.slice(i, i + k).join(' ');
    const r = readDuration(text);
    if (!r) continue;
    if ('problem' in r) throw invalid(r.problem);
    if (opts.nonZero && r.minutes === 0) throw invalid(t('log.zero-duration', { typed: text }));
    return { minutes: r.minutes, used: k };
  }
  return undefined;
}
