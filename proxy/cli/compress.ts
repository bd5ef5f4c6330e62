// `switchyard compress --command "<cmd>"`: reads one tool output on stdin and prints exactly what
// the gateway would forward in its place (see shared/CONTRACT.md §1).

import { compressForForwarding, DEFAULT_MIN_CHARS } from '../optimize/compress/compress-tool-results';

const USAGE = `usage: switchyard compress --command "<command line that produced the output>" [--tool <name>] [--min-chars <n>] [--stats]
Reads one tool output on stdin and prints what the gateway would forward instead.
  --tool       the tool's name (e.g. Bash, Read); file-reading tools are never changed
  --min-chars  outputs shorter than this are forwarded unchanged (default ${DEFAULT_MIN_CHARS})
  --stats      also print the family and sizes to stderr
`;

interface CompressArgs {
  command?: string;
  toolName?: string;
  minChars: number;
  stats: boolean;
}

function parseArgs(args: string[]): CompressArgs | string {
  const parsed: CompressArgs = { minChars: DEFAULT_MIN_CHARS, stats: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= args.length) throw new Error(`${name} needs a value`);
      return args[++i];
    };
    try {
      if (name === '--command' || name === '-c') parsed.command = value();
      else if (name === '--tool') parsed.toolName = value();
      else if (name === '--min-chars') {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) return `--min-chars must be a whole number ≥ 0`;
        parsed.minChars = n;
      } else if (name === '--stats') parsed.stats = true;
      else if (name === '--help' || name === '-h') return '';
      else return `unknown argument: ${arg}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  return parsed;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

export async function runCompressCommand(args: string[], stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    await write(stderr, parsed ? `switchyard compress: ${parsed}\n${USAGE}` : USAGE);
    return parsed ? 2 : 0;
  }
  // Typed at a terminal with nothing piped in, the command would otherwise wait without a word.
  if ((stdin as { isTTY?: boolean }).isTTY) await write(stderr, 'switchyard compress: paste the tool output, then Ctrl-D (or pipe it in: cmd | switchyard compress --command "cmd")\n');
  const input = await readAll(stdin);
  const result = compressForForwarding(input, { command: parsed.command, toolName: parsed.toolName }, parsed.minChars);
  await write(stdout, result.text);
  if (parsed.stats) {
    await write(stderr, `family=${result.family} reducer=${result.reducer} before=${input.length} after=${result.text.length} chars\n`);
  }
  return 0;
}
