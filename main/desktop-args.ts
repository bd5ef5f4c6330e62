// Options `switchyard desktop` passes through to the Electron main process (`--port=N`, `--data-dir=D`).
// Chromium's own switches share argv, so anything else is left alone.

export interface DesktopArgs {
  port?: number;
  dataDir?: string;
}

export function parseDesktopArgs(argv: readonly string[]): DesktopArgs {
  const args: DesktopArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]);
    if (flag !== '--port' && flag !== '--data-dir') continue;
    const value = inline ?? argv[i + 1];
    if (inline === undefined) i++;
    if (value === undefined) continue;
    if (flag === '--data-dir') args.dataDir = value;
    else if (/^\d{1,5}$/.test(value) && Number(value) <= 65535) args.port = Number(value);
  }
  return args;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}
