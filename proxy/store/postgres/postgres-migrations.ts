// Versioned, forward-only Postgres schema migrations, applied at start in one transaction under an
// advisory lock, so several instances starting together migrate exactly once.

import type { Pool } from 'pg';

/** Any constant: the key of the advisory lock held while migrating. */
const MIGRATION_LOCK = 74_200_001;

const MIGRATIONS: string[] = [
  `CREATE TABLE requests (
     seq BIGSERIAL PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     started_at BIGINT NOT NULL,
     client TEXT,
     model TEXT NOT NULL,
     target TEXT,
     format TEXT NOT NULL,
     stream BOOLEAN NOT NULL,
     status INTEGER NOT NULL,
     input_tokens INTEGER,
     output_tokens INTEGER,
     cached_tokens INTEGER,
     cache_write_tokens INTEGER,
     reasoning_tokens INTEGER,
     cost_usd DOUBLE PRECISION,
     latency_ms DOUBLE PRECISION NOT NULL,
     overhead_ms DOUBLE PRECISION NOT NULL,
     ttfb_ms DOUBLE PRECISION,
     error TEXT,
     attempts JSONB NOT NULL
   );
   CREATE INDEX requests_started_at ON requests (started_at);
   CREATE INDEX requests_client_started_at ON requests (client, started_at);
   CREATE INDEX requests_target_started_at ON requests (target, started_at);
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE api_clients (
     id BIGSERIAL PRIMARY KEY,
     name TEXT NOT NULL,
     key_hash TEXT NOT NULL UNIQUE,
     created_at BIGINT NOT NULL,
     expires_at BIGINT,
     revoked_at BIGINT,
     budget JSONB,
     rate_limit JSONB,
     allowed_models JSONB
   );
   CREATE UNIQUE INDEX api_clients_live_name ON api_clients (name) WHERE revoked_at IS NULL;
   CREATE TABLE events (
     id BIGSERIAL PRIMARY KEY,
     kind TEXT NOT NULL,
     scope TEXT NOT NULL,
     name TEXT NOT NULL,
     percent DOUBLE PRECISION,
     message TEXT NOT NULL,
     at BIGINT NOT NULL,
     dedupe_key TEXT UNIQUE
   );
   CREATE TABLE daily_rollups (
     day BIGINT NOT NULL,
     client TEXT,
     target TEXT,
     model TEXT NOT NULL,
     requests INTEGER NOT NULL,
     errors INTEGER NOT NULL,
     cost_usd DOUBLE PRECISION NOT NULL,
     unknown_cost INTEGER NOT NULL,
     input_tokens BIGINT NOT NULL,
     output_tokens BIGINT NOT NULL,
     latency_ms_sum DOUBLE PRECISION NOT NULL,
     latency_sketch JSONB NOT NULL
   );
   CREATE INDEX daily_rollups_day ON daily_rollups (day);
   CREATE TABLE rollup_marks (id INTEGER PRIMARY KEY CHECK (id = 1), rolled_before BIGINT NOT NULL, pruned_before BIGINT NOT NULL);
   INSERT INTO rollup_marks (id, rolled_before, pruned_before) VALUES (1, 0, 0);`,
  // 2: the savings ledger and the advisor's per-request observations.
  `CREATE TABLE savings (
     id BIGSERIAL PRIMARY KEY,
     request_id TEXT NOT NULL,
     at BIGINT NOT NULL,
     method TEXT NOT NULL,
     baseline_usd DOUBLE PRECISION,
     actual_usd DOUBLE PRECISION,
     saved_usd DOUBLE PRECISION NOT NULL,
     verified BOOLEAN NOT NULL,
     evidence JSONB NOT NULL
   );
   CREATE INDEX savings_at ON savings (at);
   CREATE TABLE request_insights (
     request_id TEXT PRIMARY KEY,
     at BIGINT NOT NULL,
     data JSONB NOT NULL
   );
   CREATE INDEX request_insights_at ON request_insights (at);`,
  // 3: one ledger entry per request and method, so a batch that landed after its deadline and was
  // written again from the outage journal is not counted twice. Earlier doubles keep their first row.
  `DELETE FROM savings later USING savings first
     WHERE later.request_id = first.request_id AND later.method = first.method AND later.id > first.id;
   CREATE UNIQUE INDEX savings_request_method ON savings (request_id, method);`,
];

export async function migratePostgres(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    let version = rows[0]?.version ?? 0;
    for (; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version]!);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version + 1, Date.now()]);
    }
    await client.query('COMMIT');
    return version;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
