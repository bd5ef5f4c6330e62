// The floor: a bare Node reverse proxy that pipes bytes with keep-alive and does nothing else.
// What one extra hop costs, before any gateway logic.

import http from 'node:http';

const port = Number(process.argv[2] ?? 0);
const upstreamPort = Number(process.argv[3]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const server = http.createServer((req, res) => {
  const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, path: req.url!.replace(/^\/v1/, '/v1'), method: req.method, headers: req.headers, agent }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.address() as { port: number }).port}\n`);
});
