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
  // 2: gateway keys from the admin API, budget/price events, spend-by-provider lookups.
  `CREATE TABLE api_clients (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     key_hash TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     expires_at INTEGER,
     revoked_at INTEGER,
     budget TEXT,
     rate_limit TEXT,
     allowed_models TEXT
   );
   CREATE UNIQUE INDEX api_clients_live_name ON api_clients (name) WHERE revoked_at IS NULL;
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL,
     scope TEXT NOT NULL,
     name TEXT NOT NULL,
     percent REAL,
     message TEXT NOT NULL,
     at INTEGER NOT NULL,
     dedupe_key TEXT UNIQUE
   );
   CREATE INDEX requests_target_started_at ON requests (target, started_at);`,
  // 3: daily rollups, so raw rows can be pruned (retention) without losing spend history.
  `CREATE TABLE daily_rollups (
     day INTEGER NOT NULL,
     client TEXT,
     target TEXT,
     model TEXT NOT NULL,
     requests INTEGER NOT NULL,
     errors INTEGER NOT NULL,
     cost_usd REAL NOT NULL,
     unknown_cost INTEGER NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     latency_ms_sum REAL NOT NULL,
     latency_sketch TEXT NOT NULL
   );
   CREATE INDEX daily_rollups_day ON daily_rollups (day);
   CREATE TABLE rollup_marks (id INTEGER PRIMARY KEY CHECK (id = 1), rolled_before INTEGER NOT NULL, pruned_before INTEGER NOT NULL);
   INSERT INTO rollup_marks (id, rolled_before, pruned_before) VALUES (1, 0, 0);`,
  // 4: the savings ledger and the advisor's per-request observations.
  `CREATE TABLE savings (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     request_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     method TEXT NOT NULL,
     baseline_usd REAL,
     actual_usd REAL,
     saved_usd REAL NOT NULL,
     verified INTEGER NOT NULL,
     evidence TEXT NOT NULL
   );
   CREATE INDEX savings_at ON savings (at);
   CREATE TABLE request_insights (
     request_id TEXT PRIMARY KEY,
     at INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX request_insights_at ON request_insights (at);`,
  // 5: replaying the row journal after a crash looks savings up by request.
  `CREATE INDEX savings_request_id ON savings (request_id);`,
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
