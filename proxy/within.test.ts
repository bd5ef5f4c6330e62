import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeadlineExceededError, within } from './within';

const never = () => new Promise<string>(() => undefined);
const later = (ms: number, value: string) => new Promise<string>((resolve) => setTimeout(() => resolve(value), ms));
const failing = (ms: number) => new Promise<string>((_, reject) => setTimeout(() => reject(new Error('refused')), ms));

const rows: Array<{ name: string; input: () => Promise<string>; expected: string | RegExp }> = [
  { name: 'an answer in time is passed on', input: () => within(200, 'Postgres', later(5, 'rows')), expected: 'rows' },
  { name: 'a failure in time is passed on', input: () => within(200, 'Postgres', failing(5)), expected: /^refused$/ },
  { name: 'no answer: fails at the deadline, naming what did not answer', input: () => within(20, 'Postgres', never()), expected: /^Postgres did not answer within 20 ms$/ },
  { name: 'a failure after the deadline is not an unhandled rejection', input: () => within(5, 'Postgres', failing(30)), expected: /did not answer within 5 ms/ },
];

for (const row of rows) {
  test(row.name, async () => {
    if (typeof row.expected === 'string') return assert.equal(await row.input(), row.expected);
    await assert.rejects(row.input(), { message: row.expected });
  });
}

test('the deadline error is its own class', async () => {
  await assert.rejects(within(1, 'x', never()), DeadlineExceededError);
});
