// Reads one secret from stdin: a hidden prompt on a terminal, otherwise everything piped in.

export interface SecretInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

const MAX_SECRET_BYTES = 64 * 1024;

/** Input that cannot become a secret (too large, cancelled, a multi-line paste at the prompt): its message is for the user. */
export class SecretInputError extends Error {}

/** Trailing newline(s) from `echo` or a file are not part of the secret; everything else is kept. */
export async function readSecret(input: SecretInput, prompt: { write(text: string): unknown }, promptText: string): Promise<string> {
  if (input.isTTY && typeof input.setRawMode === 'function') return readHidden(input, prompt, promptText);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SECRET_BYTES) throw new SecretInputError(`the secret on stdin is larger than ${MAX_SECRET_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/(\r?\n)+$/, '');
}

function readHidden(input: SecretInput, prompt: { write(text: string): unknown }, promptText: string): Promise<string> {
  prompt.write(promptText);
  input.setRawMode!(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error): void => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      prompt.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      const text = chunk.toString();
      let read = 0;
      for (const char of text) {
        read += char.length;
        if (char === '\r' || char === '\n' || char === '\u0004') {
          // A paste whose line break is followed by more text (service-account JSON, a PEM key) would be
          // cut at its first line and stored as if whole.
          if (/[^\r\n\u0004]/.test(text.slice(read))) {
            return finish(new SecretInputError('the pasted secret spans several lines; pipe it in instead, e.g. switchyard keys set NAME < key.json'));
          }
          return finish();
        }
        if (char === '\u0003') return finish(new SecretInputError('cancelled; nothing stored'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    input.on('data', onData);
  });
}
