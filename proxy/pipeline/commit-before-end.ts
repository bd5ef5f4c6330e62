// Durability: a response's last bytes leave only once its request row is committed, so a crash
// (even kill -9) can lose a request still in flight but never one whose client saw it complete.
// Rows of every response that ends in the same event-loop turn share one transaction (group
// commit), which keeps the cost near the batched writer's. SQLite runs in WAL mode with
// synchronous=NORMAL: a commit survives a process crash; only a power loss can drop the last few.

import type { Store } from '../store/store';
import type { Logger } from '../server/logger';

interface Committer {
  ends: Array<() => void>;
  scheduled: boolean;
}

const committers = new WeakMap<Store, Committer>();

/** Runs `end` (the response's final write) after every row queued so far is in the store. */
export function endAfterCommit(store: Store, log: Logger, end: () => void): void {
  let committer = committers.get(store);
  if (!committer) {
    committer = { ends: [], scheduled: false };
    committers.set(store, committer);
  }
  committer.ends.push(end);
  if (committer.scheduled) return;
  committer.scheduled = true;
  const c = committer;
  setImmediate(() => {
    c.scheduled = false;
    const ends = c.ends;
    c.ends = [];
    const release = () => {
      for (const fn of ends) {
        try {
          fn();
        } catch (err) {
          log.error({ err }, 'could not finish a response');
        }
      }
    };
    // A failed write must not hold answers back: they go out, and the failure is logged.
    store.flush().then(release, (err) => {
      log.error({ err }, 'request log write failed');
      release();
    });
  });
}
