/**
 * The work Slack's listeners do after their ack, a few tasks at a time. Acks must leave within
 * Slack's 3 s whatever else is going on; with fifty clicks in flight, fifty verbs' database
 * answers and card renderings would otherwise interleave with the next requests' acks on the one
 * event loop. Queued tasks run in arrival order; the total work is the same.
 */
export type WorkQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function workQueue(concurrency: number): WorkQueue {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < concurrency) active++;
    // A finishing task hands its slot straight to the next waiter (active stays the same).
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
