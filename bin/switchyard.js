#!/usr/bin/env node
'use strict';
// The CLI: compiled TypeScript lives in dist/ (built by `npm ci` through the prepare script).
// Before anything else allocates: see bound-heap-growth.ts.
require('../dist/proxy/server/bound-heap-growth.js').boundHeapGrowth();
const { main } = require('../dist/proxy/cli/main.js');

// `switchyard providers --json | head`: a reader that stops early ends the command, quietly.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // `serve` has finished and flushed by now; sockets to a database that stopped answering can
    // stay open for minutes, and must not keep a stopped gateway alive.
    if (process.argv[2] === 'serve') setTimeout(() => process.exit(code), 2000).unref();
  },
  (err) => {
    process.stderr.write(`switchyard: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
