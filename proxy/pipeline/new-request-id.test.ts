import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRequestId } from './new-request-id';

test('request ids keep the req_ + 32 hex shape and sort by time', () => {
  const rows = [
    { name: 'epoch', now: 0, prefix: 'req_000000000000' },
    { name: 'today', now: 1_795_000_000_000, prefix: 'req_01a1e' },
  ];
  for (const row of rows) {
    const id = newRequestId(row.now);
    assert.match(id, /^req_[0-9a-f]{32}$/, row.name);
    assert.ok(id.startsWith(row.prefix), `${row.name}: ${id}`);
  }
  assert.ok(newRequestId(1000) < newRequestId(1001));
  assert.notEqual(newRequestId(5), newRequestId(5));
});

test('request ids do not repeat across refills of the random pool', () => {
  const ids = new Set(Array.from({ length: 5000 }, () => newRequestId(7)));
  assert.equal(ids.size, 5000);
});
