// A fake upstream's request listener that reads the whole request first: the handler gets the
// parsed URL and JSON body (an empty body reads as {}).

import type http from 'node:http';

export type JsonRequestHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Record<string, unknown>) => void;

export function onJsonRequest(handler: JsonRequestHandler): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handler(req, res, new URL(req.url ?? '/', 'http://fake'), JSON.parse(Buffer.concat(chunks).toString() || '{}')));
  };
}
