// The store for this instance: Postgres in team mode, else the SQLite file under the data dir.

import { join } from 'node:path';
import type { Logger } from '../server/logger';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import type { Store } from '../store/store';
import { redactUrl } from './team-settings';

export async function openStore(options: { database?: string; dataDir: string; log: Logger }): Promise<Store> {
  if (!options.database) return new SqliteStore({ dataDir: options.dataDir, onWriteError: (err, message) => options.log.error({ err }, message) });
  // Loaded only in team mode, so a desktop gateway never pays for the Postgres client.
  const { PostgresStore } = await import('../store/postgres/postgres-store');
  try {
    return await PostgresStore.open({
      url: options.database,
      // Rows written while Postgres is unreachable wait here, and survive a stop or crash of this process.
      journalPath: join(options.dataDir, 'postgres.pending-rows'),
      onError: (err, message) => options.log.error(err === undefined ? {} : { err }, message),
      onRecovered: (message) => options.log.info({}, message),
    });
  } catch (err) {
    throw new Error(`cannot open the database ${redactUrl(options.database)}: ${(err as Error).message}`, { cause: err });
  }
}
