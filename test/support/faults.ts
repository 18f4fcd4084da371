/**
 * Faults the delivery tests inject: the database connection lost right after a chat platform took a
 * post, when the bot writes the record of it (posted_messages and the delivered mark).
 */
import { vi } from 'vitest';
import type { Db } from '../../db/client.js';

/**
 * The first transaction begun once `posted()` is true fails as a terminated connection does
 * (57P01); later ones run. Returns whether it has failed yet. `vi.restoreAllMocks()` undoes it.
 */
export function loseConnectionAfterPost(root: Db, posted: () => boolean): () => boolean {
  const transaction = root.transaction.bind(root);
  let failed = false;
  vi.spyOn(root, 'transaction').mockImplementation(((f: never, c?: never) => {
    if (!failed && posted()) {
      failed = true;
      return Promise.reject(Object.assign(new Error('connection terminated'), { code: '57P01' }));
    }
    return transaction(f, c);
  }) as typeof root.transaction);
  return () => failed;
}
