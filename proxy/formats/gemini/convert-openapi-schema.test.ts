import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApiSchemaToJsonSchema } from './convert-openapi-schema';

const cases: Array<{ name: string; input: Record<string, unknown>; expected: Record<string, unknown> }> = [
  { name: 'upper-case types become JSON Schema types', input: { type: 'STRING', format: 'date-time' }, expected: { type: 'string', format: 'date-time' } },
  { name: 'nullable folds into a type list', input: { type: 'INTEGER', nullable: true }, expected: { type: ['integer', 'null'] } },
  {
    name: 'nested properties, items and anyOf convert; propertyOrdering is dropped',
    input: { type: 'OBJECT', properties: { tags: { type: 'ARRAY', items: { type: 'STRING' }, maxItems: '3' }, v: { anyOf: [{ type: 'NUMBER' }, { type: 'BOOLEAN' }] } }, propertyOrdering: ['tags', 'v'], required: ['tags'] },
    expected: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, maxItems: 3 }, v: { anyOf: [{ type: 'number' }, { type: 'boolean' }] } }, required: ['tags'] },
  },
  { name: 'lower-case input is left as it is', input: { type: 'object', description: 'd', enum: ['a'] }, expected: { type: 'object', description: 'd', enum: ['a'] } },
];

for (const c of cases) {
  test(`openApiSchemaToJsonSchema: ${c.name}`, () => {
    assert.deepEqual(openApiSchemaToJsonSchema(c.input), c.expected);
  });
}
