// Versioned, forward-only schema migrations, applied at start inside one transaction each.

import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     started_at INTEGER NOT NULL,
     client TEXT,
     model TEXT NOT NULL,
     target TEXT,
     format TEXT NOT NULL,
     stream INTEGER NOT NULL,
     status INTEGER NOT NULL,
     input_tokens INTEGER,
     output_tokens INTEGER,
     cached_tokens INTEGER,
     cache_write_tokens INTEGER,
     reasoning_tokens INTEGER,
     cost_usd REAL,
     latency_ms REAL NOT NULL,
     overhead_ms REAL NOT NULL,
     ttfb_ms REAL,
     error TEXT,
     attempts TEXT NOT NULL
   );
   CREATE INDEX requests_started_at ON requests (started_at);
   CREATE INDEX requests_client_started_at ON requests (client, started_at);
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

export function migrateSqlite(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT max(version) AS version FROM schema_version').get() as { version: number | null };
  let version = row.version ?? 0;
  for (; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version]!;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version + 1);
    })();
  }
}
