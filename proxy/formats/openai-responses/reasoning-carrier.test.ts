import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeReasoningCarrier, encodeReasoningCarrier } from './reasoning-carrier';

const cases: Array<{ name: string; part: { signature?: string; redacted?: string }; carrier: string | undefined }> = [
  { name: 'a signature is tagged as ours', part: { signature: 'EqQBCkgIARABGAIiQL' }, carrier: 'switchyard-signature:EqQBCkgIARABGAIiQL' },
  { name: 'encrypted reasoning passes as it is', part: { redacted: 'gAAAAABo-opaque' }, carrier: 'gAAAAABo-opaque' },
  { name: 'nothing to carry', part: {}, carrier: undefined },
];

for (const c of cases) {
  test(`reasoning carrier: ${c.name}`, () => {
    assert.equal(encodeReasoningCarrier(c.part), c.carrier);
    if (c.carrier !== undefined) assert.deepEqual(decodeReasoningCarrier(c.carrier), c.part);
  });
}
