import { test } from 'node:test';
import assert from 'node:assert/strict';
import { litellmIncludeNames, mergeLitellmIncludes, type IncludedDocument } from './merge-litellm-includes';

const a = { model_name: 'a', litellm_params: { model: 'openai/a' } };
const b = { model_name: 'b', litellm_params: { model: 'openai/b' } };

const NAME_ROWS: Array<{ name: string; input: unknown; expected: string[] }> = [
  { name: 'one file', input: { include: 'models.yaml' }, expected: ['models.yaml'] },
  { name: 'a list', input: { include: ['models.yaml', 'more.yaml'] }, expected: ['models.yaml', 'more.yaml'] },
  { name: 'none', input: { model_list: [] }, expected: [] },
  { name: 'not a document', input: null, expected: [] },
];
for (const row of NAME_ROWS) {
  test(`litellmIncludeNames: ${row.name}`, () => assert.deepEqual(litellmIncludeNames(row.input), row.expected));
}

const MERGE_ROWS: Array<{ name: string; input: { doc: unknown; included: IncludedDocument[] }; expected: { doc: Record<string, unknown>; unmapped: string[] } }> = [
  {
    name: 'model_list comes from the included file',
    input: { doc: { include: ['models.yaml'], litellm_settings: { drop_params: true } }, included: [{ name: 'models.yaml', doc: { model_list: [a] } }] },
    expected: { doc: { litellm_settings: { drop_params: true }, model_list: [a] }, unmapped: [] },
  },
  {
    name: 'lists are appended in include order',
    input: { doc: { include: ['one.yaml', 'two.yaml'], model_list: [a] }, included: [{ name: 'one.yaml', doc: { model_list: [b] } }, { name: 'two.yaml', doc: { model_list: [a] } }] },
    expected: { doc: { model_list: [a, b, a] }, unmapped: [] },
  },
  {
    name: 'a setting the parent already has is reported',
    input: { doc: { include: 'x.yaml', general_settings: { master_key: 'os.environ/K' } }, included: [{ name: 'x.yaml', doc: { general_settings: { master_key: 'sk-other-123' } } }] },
    expected: { doc: { general_settings: { master_key: 'os.environ/K' } }, unmapped: ['include x.yaml: general_settings is already set by the including file; the included value is ignored'] },
  },
  {
    name: 'an empty included file',
    input: { doc: { include: 'empty.yaml', model_list: [a] }, included: [{ name: 'empty.yaml', doc: null }] },
    expected: { doc: { model_list: [a] }, unmapped: ['include empty.yaml: not a YAML mapping; skipped'] },
  },
];
for (const row of MERGE_ROWS) {
  test(`mergeLitellmIncludes: ${row.name}`, () => assert.deepEqual(mergeLitellmIncludes(row.input.doc, row.input.included), row.expected));
}
