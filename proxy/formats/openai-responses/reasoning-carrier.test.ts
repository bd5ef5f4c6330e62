import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReasoningPart } from '../canonical';
import { decodeReasoningCarrier, encodeReasoningCarrier } from './reasoning-carrier';

const cases: Array<{ name: string; part: Pick<ReasoningPart, 'signature' | 'signedBy' | 'redacted'>; carrier: string | undefined }> = [
  { name: 'a signature of unknown signer (carried before signers were recorded)', part: { signature: 'EqQBCkgIARABGAIiQL' }, carrier: 'switchyard-signature:EqQBCkgIARABGAIiQL' },
  { name: 'an Anthropic signature names its signer', part: { signature: 'EqQBCkgI', signedBy: 'anthropic' }, carrier: 'switchyard-signature:c3dpdGNoeWFyZC1zaWduZWQtYnk6YW50aHJvcGljOjo6EqQBCkgI' },
  { name: 'a Gemini signature names its signer', part: { signature: 'CiQB', signedBy: 'gemini' }, carrier: 'switchyard-signature:c3dpdGNoeWFyZC1zaWduZWQtYnk6Z2VtaW5pOjo6CiQB' },
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
