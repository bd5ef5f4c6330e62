// What a CLI command may touch: its output streams and environment. bin/switchyard.js passes the process's own.

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env?: Record<string, string | undefined>;
  /** Relative paths resolve against this; defaults to process.cwd(). */
  cwd?: string;
}
