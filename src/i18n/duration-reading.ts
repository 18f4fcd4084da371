/** A duration as people type it, read by the pure rule (`readDurationWhy`, src/rules/units.ts), its problem worded here. */
import { readDurationWhy } from '../rules/units.js';
import { t } from './t.js';

/** A duration as read: its minutes, or why text that is written like one cannot be a duration (in the reader's language). */
export type DurationReading = { minutes: number } | { problem: string };

/** `readDurationWhy`, its problem worded in the reader's language (`errors-durations.*`). */
export function readDuration(text: string): DurationReading | undefined {
  const r = readDurationWhy(text);
  return r && 'why' in r ? { problem: t(r.why.key, r.why.values) } : r;
}
