// Structured one-line JSON logs to stderr. Callers never pass secrets; messages are static strings.

export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function createLogger(stream: NodeJS.WritableStream = process.stderr, quiet = false): Logger {
  const write = (level: string, fields: Record<string, unknown>, message: string) => {
    if (quiet && level === 'info') return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: message };
    for (const [key, value] of Object.entries(fields)) entry[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
    stream.write(JSON.stringify(entry) + '\n');
  };
  return {
    info: (fields, message) => write('info', fields, message),
    warn: (fields, message) => write('warn', fields, message),
    error: (fields, message) => write('error', fields, message),
  };
}
