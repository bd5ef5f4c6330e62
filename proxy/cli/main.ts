// Entry point of `bin/switchyard.js`: dispatches to one command module per subcommand.

import { runServeCommand, type CliIo } from './serve';
import { runProvidersCommand } from './providers';
import { runImportLitellmCommand } from './import-litellm';

const USAGE = `Usage: switchyard <command> [options]

Commands:
  serve [--config FILE] [--data-dir DIR] [--port N] [--host ADDR]   run the gateway and dashboard
  providers [--json]                                                 list the built-in provider catalog
  import-litellm <litellm-config.yaml> [-o out.json]                 convert a LiteLLM proxy config
  help                                                               show this help
`;

export async function main(argv: string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServeCommand(rest, io);
    case 'providers':
      return runProvidersCommand(rest, io);
    case 'import-litellm':
      return runImportLitellmCommand(rest, io);
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
