// Minimal `--name value` / `--flag` parsing for the CLI commands, with clear errors.

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseFlags(args: string[], valued: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(0, eq) : arg).replace(/^-+/, '');
    if (eq > 0) flags.set(name, arg.slice(eq + 1));
    else if (valued.includes(name)) {
      const value = args[++i];
      // `--config --port 8080` means the config path was forgotten, not a file named "--port".
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      flags.set(name, value);
    } else flags.set(name, true);
  }
  return { positional, flags };
}

export function flagString(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
