// Entry point of `bin/switchyard.js`: dispatches to one command module per subcommand.

import { runDesktopCommand } from './desktop';
import { runKeysCommand } from './keys';
import { runServeCommand, type CliIo } from './serve';
import { runProvidersCommand } from './providers';
import { runCompressCommand } from './compress';

const USAGE = `Usage: switchyard <command> [options]

Commands:
  serve [--config FILE] [--data-dir DIR] [--port N] [--host ADDR]   run the gateway and dashboard
        [--database postgres://…] [--redis redis://…] [--key-store keychain|file]
  keys set NAME | list | delete NAME [--store keychain|file]         manage provider keys (secret on stdin)
  desktop [--headless] [--port N] [--data-dir DIR]                   the tray app (headless where Electron can't start)
  providers [--json]                                                 list the built-in provider catalog
  import-litellm <litellm-config.yaml> [-o out.json]                 convert a LiteLLM proxy config
  compress --command "<cmd>" [--stats]                               show what a tool output on stdin becomes
  help                                                               show this help
`;

export async function main(argv: string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServeCommand(rest, io);
    case 'keys':
      return runKeysCommand(rest, io);
    case 'desktop':
      return runDesktopCommand(rest, io);
    case 'providers':
      return runProvidersCommand(rest, io);
    case 'import-litellm':
      // Loaded on use: it brings the YAML parser, which `serve` should not carry.
      return (await import('./import-litellm')).runImportLitellmCommand(rest, io);
    case 'compress':
      return runCompressCommand(rest, io.stdin, io.stdout, io.stderr);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return 0;
    default:
      io.stderr.write(`switchyard: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
