// Starts a fake upstream's HTTP server on a free loopback port. Its close() also drops the
// connections the fake still holds open (a stalled stream, a keep-alive socket), which
// server.close() alone would wait on.

import type http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ListeningFake {
  url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(server: http.Server): Promise<ListeningFake> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
