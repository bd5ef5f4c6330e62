// Starts a throwaway PostgreSQL cluster and Redis server on loopback ports with temp data dirs,
// for the team-mode tests. PostgreSQL refuses to run as root, so as root it runs as `postgres`.

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, tempDir } from './spawn-gateway';

export interface Service {
  url: string;
  stop(): Promise<void>;
}

/** A Postgres that can be stopped and started again at the same address, data kept (outage tests). */
export interface RestartablePostgres extends Service {
  /** Starts it again after `stop()` or `crash()`; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Immediate shutdown (SIGQUIT), as in a crash: no checkpoint, recovery on the next start. */
  crash(): Promise<void>;
  /** SIGSTOP to the server and its backends: connections stay open and nothing answers (a hung host). */
  freeze(): void;
  /** SIGCONT: answers again, as if nothing happened. */
  thaw(): void;
}

/** The process and its children, found through /proc (each child's parent pid). */
function processTree(root: number): number[] {
  const children = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((name) => {
    try {
      // Field 4 of /proc/<pid>/stat, after the command name in parentheses, is the parent pid.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === root;
    } catch {
      return false; // exited meanwhile
    }
  });
  return [root, ...children.map(Number)];
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0]!;
  return join(root, version, 'bin');
}

/** As root, run PostgreSQL's programs as the `postgres` user (directly, so signals reach them). */
function postgresIdentity(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

/** The server exited while starting: its port was taken after it was found free. */
class ServiceExited extends Error {}

/** Starts a server on a free port, again on another if one was taken meanwhile by another test. */
async function onAFreePort(start: (port: number) => Promise<void>): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      return await start(await freePort());
    } catch (err) {
      if (!(err instanceof ServiceExited) || tries >= 5) throw err;
    }
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      if (err instanceof ServiceExited) throw err;
      // not ready yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms`);
}

export async function startPostgres(): Promise<RestartablePostgres> {
  const bin = postgresBinDir();
  const dir = tempDir('pg');
  const dataDir = join(dir, 'data');
  const identity = postgresIdentity();
  if (identity.uid !== undefined) {
    chownSync(dir, identity.uid, identity.gid!);
    chmodSync(dir, 0o700);
  }
  execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-U', 'switchyard', '--auth=trust', '--encoding=UTF8', '--no-sync'], { stdio: 'ignore', ...identity });
  let port = 0;
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const start = async () => {
    if (running()) return;
    child = spawn(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'], { stdio: 'ignore', ...identity });
    const ours = child;
    // Asked through its own socket directory: on a port another test's server took first, the TCP
    // check would be answered by that server. Postgres opens its TCP socket before the Unix one.
    await waitFor(() => {
      if (ours.exitCode !== null) throw new ServiceExited();
      execFileSync(join(bin, 'pg_isready'), ['-h', dir, '-p', String(port)], { stdio: 'ignore' });
      return true;
    }, 'PostgreSQL');
  };
  const signal = (name: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (!running()) return resolve();
      child!.once('exit', () => resolve());
      // A frozen server would never act on the signal: a test that failed mid-freeze still stops it.
      signalTree(child!.pid!, 'SIGCONT');
      child!.kill(name);
    });
  await onAFreePort((free) => {
    port = free;
    return start();
  });
  execFileSync(join(bin, 'createdb'), ['-h', dir, '-p', String(port), '-U', 'switchyard', 'switchyard'], { stdio: 'ignore' });
  return {
    url: `postgres://switchyard@127.0.0.1:${port}/switchyard`,
    start,
    stop: () => signal('SIGINT'), // fast shutdown
    crash: () => signal('SIGQUIT'),
    freeze: () => signalTree(child!.pid!, 'SIGSTOP'),
    thaw: () => signalTree(child!.pid!, 'SIGCONT'),
  };
}

/**
 * Signals a process and its descendants. One may exit between being listed and signalled (a
 * backend whose client left): that is skipped, so the rest are still thawed and the run cannot hang.
 */
function signalTree(root: number, name: NodeJS.Signals): void {
  for (const pid of processTree(root)) {
    try {
      process.kill(pid, name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
}

/** A Redis that `stop()` then `start()` restarts empty at the same address (nothing is saved). */
export interface RestartableRedis extends Service {
  start(): Promise<void>;
}

export async function startRedis(): Promise<RestartableRedis> {
  let port = 0;
  const dir = tempDir('redis');
  const socket = join(dir, 'redis.sock');
  let child: ChildProcess;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    const ours = child;
    // Pinged through its own Unix socket, which Redis opens after its TCP port: another test's
    // server on the same port cannot answer for it.
    await waitFor(() => {
      if (ours.exitCode !== null) throw new ServiceExited();
      execFileSync('redis-cli', ['-s', socket, 'ping'], { stdio: 'ignore' });
      return true;
    }, 'Redis');
  };
  await onAFreePort((free) => {
    port = free;
    return start();
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
