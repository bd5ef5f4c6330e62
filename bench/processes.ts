// Starting, pinning and measuring the benchmark's processes (Linux /proc; taskset when present).

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

export interface Proc {
  child: ChildProcess;
  port: number;
  /** Everything the process printed, for error messages. */
  output(): string;
}

let tasksetAvailable: boolean | undefined;

export function canPin(): boolean {
  if (tasksetAvailable === undefined) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
      tasksetAvailable = true;
    } catch {
      tasksetAvailable = false;
    }
  }
  return tasksetAvailable;
}

/** Pins an already running process (all its threads) to one core. */
export function pinProcess(core: number, pid: number): void {
  if (canPin()) execFileSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' });
}

export interface StartOptions {
  core: number;
  env?: Record<string, string>;
  cwd?: string;
  /** Ready when stdout matches (group 1 is the port), or when `port` accepts connections. */
  readyPattern?: RegExp;
  port?: number;
  timeoutMs?: number;
}

/** Starts `node <args>` pinned to a core (every thread, from exec on) and waits until it is ready. */
export function startNode(args: string[], options: StartOptions): Promise<Proc> {
  const command = canPin() ? 'taskset' : process.execPath;
  const argv = canPin() ? ['-c', String(options.core), process.execPath, ...args] : args;
  const child = spawn(command, argv, { env: { ...process.env, ...options.env }, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const output = () => out;
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready within ${options.timeoutMs ?? 30_000} ms: ${out.slice(-2000)}`));
    }, options.timeoutMs ?? 30_000);
    const done = (port: number) => {
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      resolve({ child, port, output });
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before it was ready: ${out.slice(-2000)}`));
    };
    child.once('exit', onExit);
    if (options.readyPattern) {
      const pattern = options.readyPattern;
      const check = () => {
        const match = pattern.exec(out);
        if (match) {
          child.stdout!.off('data', check);
          done(Number(match[1]));
        }
      };
      child.stdout!.on('data', check);
    } else if (options.port) {
      const port = options.port;
      const poll = () => {
        const socket = createConnection(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          done(port);
        });
        socket.once('error', () => {
          socket.destroy();
          if (child.exitCode === null) setTimeout(poll, 100);
        });
      };
      poll();
    }
  });
}

export function stopProcess(proc: Proc | undefined): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 5_000);
    proc.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.child.kill('SIGTERM');
  });
}

/** User + system CPU time of a process, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 100 Hz ticks
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

export const peakRssMb = (pid: number) => statusKb(pid, 'VmHWM') / 1024;
export const rssMb = (pid: number) => statusKb(pid, 'VmRSS') / 1024;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}
