// Durability: a response's last bytes leave only once its request row is crash-safe (the store's
// flush: a journal append for SQLite, the insert itself for Postgres), so a crash (even kill -9)
// can lose a request still in flight but never one whose client saw it complete. Responses that
// end in the same event-loop turn share one flush.

import type { Store } from '../store/store';
import type { Logger } from '../server/logger';
import type { Gateway } from '../gateway/gateway';

interface Committer {
  ends: Array<() => void>;
  scheduled: boolean;
}

const committers = new WeakMap<Store, Committer>();

/**
 * Runs `end` (the response's final write) after every row queued so far is in the store. With no
 * other request in flight, no other response could share the flush: it runs at once instead of
 * after the event-loop turn.
 */
export function endAfterCommit(gateway: Pick<Gateway, 'store' | 'log' | 'requestsInFlight'>, end: () => void): void {
  const { store, log } = gateway;
  let committer = committers.get(store);
  if (!committer) {
    committer = { ends: [], scheduled: false };
    committers.set(store, committer);
  }
  committer.ends.push(end);
  if (committer.scheduled) return;
  if (gateway.requestsInFlight <= 1) return flushThenEnd(store, log, committer);
  committer.scheduled = true;
  const c = committer;
  setImmediate(() => {
    c.scheduled = false;
    flushThenEnd(store, log, c);
  });
}

function flushThenEnd(store: Store, log: Logger, committer: Committer): void {
  const ends = committer.ends;
  committer.ends = [];
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
}
