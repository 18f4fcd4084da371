/** Which card each outbox subject becomes. Features register their builders here. */
import type { Notifier } from './notifier.js';

export function registerCardLoaders(notifier: Notifier): void {
  void notifier;
}
