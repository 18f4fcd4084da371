/** Held items' order: the engine and the reference list them alike. */
import type { HeldReason } from './types.js';

/** One text per reason, whatever order its fields were written in: held items sort by it. */
export function heldReasonKey(r: HeldReason): string {
  const values = r as unknown as Record<string, string | number | boolean>;
  return Object.keys(values)
    .sort()
    .map((k) => `${k}=${String(values[k])}`)
    .join('\u0000');
}
