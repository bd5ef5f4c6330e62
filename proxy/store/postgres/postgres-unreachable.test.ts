import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseError } from 'pg';
import { isPostgresUnreachable } from './postgres-unreachable';
import { DeadlineExceededError } from '../../within';

function databaseError(code: string): DatabaseError {
  const err = new DatabaseError('from the server', 0, 'error');
  err.code = code;
  return err;
}

const socketError = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

const rows: Array<{ name: string; input: unknown; expected: boolean }> = [
  { name: 'connection refused', input: socketError, expected: true },
  { name: 'connection terminated (pg)', input: new Error('Connection terminated unexpectedly'), expected: true },
  { name: 'admin shutdown 57P01', input: databaseError('57P01'), expected: true },
  { name: 'starting up / shutting down 57P03', input: databaseError('57P03'), expected: true },
  { name: 'connection exception class 08', input: databaseError('08006'), expected: true },
  { name: 'too many connections 53300', input: databaseError('53300'), expected: true },
  { name: 'unique violation: Postgres answered', input: databaseError('23505'), expected: false },
  { name: 'undefined table: Postgres answered', input: databaseError('42P01'), expected: false },
  { name: 'no answer within a deadline', input: new DeadlineExceededError('Postgres', 2000), expected: true },
  { name: 'a bug in our code', input: new TypeError('x is undefined'), expected: false },
  { name: 'not an error', input: 'boom', expected: false },
];

for (const row of rows) test(row.name, () => assert.equal(isPostgresUnreachable(row.input), row.expected));
