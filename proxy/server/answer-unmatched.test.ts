import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatewayErrorFromHttpError } from './answer-unmatched';

const ROWS: Array<{ name: string; input: Record<string, unknown>; expected: { kind: string; status: number; message: string } }> = [
  { name: "send's 403 for a path it will not serve", input: { status: 403, expose: true, message: 'Forbidden' }, expected: { kind: 'forbidden', status: 403, message: 'Forbidden' } },
  { name: 'a 404 from sendFile', input: { statusCode: 404, expose: true, message: 'Not Found' }, expected: { kind: 'not_found', status: 404, message: 'Not Found' } },
  { name: 'another client error keeps its status', input: { status: 416, expose: true, message: 'Range Not Satisfiable' }, expected: { kind: 'invalid_request', status: 416, message: 'Range Not Satisfiable' } },
  { name: 'a client error not meant to be shown', input: { status: 400, message: 'ENOENT /secret/path' }, expected: { kind: 'invalid_request', status: 400, message: 'the request was refused' } },
  { name: 'a file-system failure is internal, its message hidden', input: { status: 500, expose: false, message: "EACCES: permission denied, open '/srv/dist/index.html'" }, expected: { kind: 'internal', status: 500, message: 'internal gateway error' } },
  { name: 'a plain Error with no status', input: { message: 'boom' }, expected: { kind: 'internal', status: 500, message: 'internal gateway error' } },
];

for (const row of ROWS) {
  test(`gatewayErrorFromHttpError: ${row.name}`, () => {
    const error = gatewayErrorFromHttpError(row.input);
    assert.deepEqual({ kind: error.kind, status: error.status, message: error.message }, row.expected);
  });
}
