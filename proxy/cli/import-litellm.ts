// `switchyard import-litellm <config.yaml> [-o out.json]`: converts a LiteLLM proxy config, printing what
// could not be mapped on stderr. The config goes to the -o file, or to stdout.

import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { convertLitellmConfig } from '../litellm/convert-litellm-config';
import { litellmIncludeNames, mergeLitellmIncludes, type IncludedDocument } from '../litellm/merge-litellm-includes';
import type { CliIo } from './cli-io';

const USAGE = 'usage: switchyard import-litellm <litellm-config.yaml> [-o <out.json>]\n';

export async function runImportLitellmCommand(args: string[], io: CliIo): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-o' || arg === '--output') {
      output = args[++i];
      if (!output) return usageError(io, `${arg} needs a file name`);
    } else if (arg.startsWith('--output=')) output = arg.slice('--output='.length);
    else if (arg === '--help' || arg === '-h') {
      io.stdout.write(USAGE);
      return 0;
    } else if (arg.startsWith('-')) return usageError(io, `unknown option "${arg}"`);
    else if (input === undefined) input = arg;
    else return usageError(io, `unexpected argument "${arg}"`);
  }
  if (!input) return usageError(io, 'which LiteLLM config file?');

  const cwd = io.cwd ?? process.cwd();
  const inputPath = resolve(cwd, input);
  if (output && resolve(cwd, output) === inputPath) return usageError(io, `-o ${output} would overwrite the LiteLLM config it reads`);
  const parent = await readLitellmYaml(inputPath, io);
  if (!parent.ok) return 1;
  // `include:` files are read relative to the including file, as LiteLLM does.
  const included: IncludedDocument[] = [];
  for (const name of litellmIncludeNames(parent.doc)) {
    const child = await readLitellmYaml(resolve(dirname(inputPath), name), io);
    if (!child.ok) return 1;
    included.push({ name, doc: child.doc });
  }
  const merged = included.length > 0 ? mergeLitellmIncludes(parent.doc, included) : { doc: parent.doc, unmapped: [] };
  let result;
  try {
    result = convertLitellmConfig(merged.doc, io.env ?? process.env);
    result.unmapped.unshift(...merged.unmapped);
  } catch (err) {
    io.stderr.write(`switchyard import-litellm: ${inputPath}: ${(err as Error).message}\n`);
    return 1;
  }

  const json = `${JSON.stringify(result.config, null, 2)}\n`;
  if (output) {
    const outputPath = resolve(cwd, output);
    try {
      await writeFile(outputPath, json);
    } catch (err) {
      io.stderr.write(`switchyard import-litellm: cannot write ${outputPath}: ${(err as Error).message}\n`);
      return 1;
    }
    io.stderr.write(`Wrote ${outputPath}: ${result.config.providers.length} providers, ${result.config.routes.length} routes.\n`);
  } else {
    io.stdout.write(json);
  }
  if (result.unmapped.length > 0) {
    io.stderr.write(`Not mapped (${result.unmapped.length}):\n${result.unmapped.map((line) => `  - ${line}\n`).join('')}`);
  }
  return 0;
}

async function readLitellmYaml(path: string, io: CliIo): Promise<{ ok: true; doc: unknown } | { ok: false }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    io.stderr.write(`switchyard import-litellm: cannot read ${path}: ${(err as Error).message}\n`);
    return { ok: false };
  }
  try {
    // LiteLLM reads its config with PyYAML, which honours `<<: *anchor` merge keys; YAML 1.2 parsers
    // do not unless asked, and the merged api_key/api_base would be lost.
    return { ok: true, doc: parse(text, { merge: true }) };
  } catch (err) {
    io.stderr.write(`switchyard import-litellm: ${path} is not valid YAML: ${(err as Error).message}\n`);
    return { ok: false };
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`switchyard import-litellm: ${message}\n${USAGE}`);
  return 2;
}
