// One setting read, changed and written back as a single step across every instance sharing the
// database: a change made meanwhile by another instance is what `change` sees, never overwritten.

import type { Pool } from 'pg';
import { inTransaction } from './in-transaction';

/** Any constant: the first half of the advisory lock held while a setting changes (the key's hash is the second). */
const SETTING_LOCK = 74_200_003;

export function updatePostgresSetting(pool: Pool, key: string, change: (current: string | undefined) => string | null): Promise<string | null> {
  return inTransaction(pool, async (client) => {
    // A row lock cannot cover a setting that does not exist yet; a lock on its key can. Two keys
    // whose hashes collide only wait for each other.
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SETTING_LOCK, key]);
    const { rows } = await client.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    const next = change(rows[0]?.value);
    if (next === null) await client.query('DELETE FROM settings WHERE key = $1', [key]);
    else await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, next]);
    return next;
  });
}
