// The client's side of a request, as routing sees it: `gone` once the client has hung up before
// its answer finished, and `onLeave` called at that moment, so an attempt under way is cancelled
// instead of running (and failing over) for nobody.

import type { ServerResponse } from 'node:http';
import type { ClientPresence } from '../routing/run-route';

export function watchClient(res: ServerResponse): ClientPresence {
  const presence: ClientPresence = { gone: false };
  res.once('close', () => {
    if (res.writableFinished) return;
    presence.gone = true;
    presence.onLeave?.();
  });
  return presence;
}
