import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeReasoningCarrier, encodeReasoningCarrier } from './reasoning-carrier';

const cases: Array<{ name: string; part: { signature?: string; redacted?: string }; carrier: string | undefined }> = [
  { name: 'a signature', part: { signature: 'EqQBCkgIARABGAIiQL' }, carrier: 'switchyard-signature:EqQBCkgIARABGAIiQL' },
  { name: 'redacted thinking', part: { redacted: 'EmwKAhgBEgy3va3pzix' }, carrier: 'switchyard-redacted:EmwKAhgBEgy3va3pzix' },
  { name: 'nothing to carry', part: {}, carrier: undefined },
];

for (const c of cases) {
  test(`reasoning carrier round trip: ${c.name}`, () => {
    assert.equal(encodeReasoningCarrier(c.part), c.carrier);
    if (c.carrier !== undefined) assert.deepEqual(decodeReasoningCarrier(c.carrier), c.part);
  });
}

test('decodeReasoningCarrier: OpenAI\'s own encrypted reasoning carries nothing another provider can use', () => {
  assert.deepEqual(decodeReasoningCarrier('gAAAAABo-opaque'), {});
});
