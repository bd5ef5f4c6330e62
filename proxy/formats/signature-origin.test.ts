import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReasoningPart, WireFormat } from './canonical';
import { markSignature, readSignature, signatureFor } from './signature-origin';

/** Base64 of "switchyard-signed-by:gemini:::" — 30 bytes, so no padding. */
const GEMINI_MARK = 'c3dpdGNoeWFyZC1zaWduZWQtYnk6Z2VtaW5pOjo6';
const ANTHROPIC_MARK = 'c3dpdGNoeWFyZC1zaWduZWQtYnk6YW50aHJvcGljOjo6';

const markRows: Array<{ name: string; input: [string, WireFormat | undefined, WireFormat | undefined]; expected: string }> = [
  { name: 'the client family signed it: byte for byte', input: ['EqQBCkgIARAB+/=', 'anthropic', 'anthropic'], expected: 'EqQBCkgIARAB+/=' },
  { name: 'unknown signer: unchanged', input: ['sig', undefined, 'anthropic'], expected: 'sig' },
  { name: 'Gemini signature to an Anthropic client: marked', input: ['CiQBjz1rX1==', 'gemini', 'anthropic'], expected: `${GEMINI_MARK}CiQBjz1rX1==` },
  { name: 'Anthropic signature to a Gemini client: marked', input: ['EqQBCkgI', 'anthropic', 'gemini'], expected: `${ANTHROPIC_MARK}EqQBCkgI` },
  { name: 'no client family (Responses carrier): always marked', input: ['CiQB', 'gemini', undefined], expected: `${GEMINI_MARK}CiQB` },
];
for (const row of markRows) test(`markSignature: ${row.name}`, () => assert.equal(markSignature(...row.input), row.expected));

const readRows: Array<{ name: string; input: [string, WireFormat | undefined]; expected: Pick<ReasoningPart, 'signature' | 'signedBy'> }> = [
  { name: 'unmarked from an Anthropic client: Anthropic signed it', input: ['EqQBCkgI', 'anthropic'], expected: { signature: 'EqQBCkgI', signedBy: 'anthropic' } },
  { name: 'unmarked from a Gemini client: Gemini signed it', input: ['CiQB', 'gemini'], expected: { signature: 'CiQB', signedBy: 'gemini' } },
  { name: 'marked Gemini signature from an Anthropic client', input: [`${GEMINI_MARK}CiQBjz1rX1==`, 'anthropic'], expected: { signature: 'CiQBjz1rX1==', signedBy: 'gemini' } },
  { name: 'marked Bedrock signature from a Gemini client', input: ['c3dpdGNoeWFyZC1zaWduZWQtYnk6YmVkcm9jazo6' + 'abcd', 'gemini'], expected: { signature: 'abcd', signedBy: 'bedrock' } },
  { name: 'unmarked with no client family: unknown signer', input: ['legacy', undefined], expected: { signature: 'legacy' } },
];
for (const row of readRows) test(`readSignature: ${row.name}`, () => assert.deepEqual(readSignature(...row.input), row.expected));

const forRows: Array<{ name: string; input: [Pick<ReasoningPart, 'signature' | 'signedBy'>, WireFormat]; expected: string | undefined }> = [
  { name: 'own family', input: [{ signature: 's', signedBy: 'anthropic' }, 'anthropic'], expected: 's' },
  { name: 'another family', input: [{ signature: 's', signedBy: 'gemini' }, 'anthropic'], expected: undefined },
  { name: 'Bedrock is not Anthropic', input: [{ signature: 's', signedBy: 'bedrock' }, 'anthropic'], expected: undefined },
  { name: 'unknown signer: sent as before', input: [{ signature: 's' }, 'gemini'], expected: 's' },
  { name: 'empty signature: none', input: [{ signature: '', signedBy: 'anthropic' }, 'anthropic'], expected: undefined },
  { name: 'unsigned', input: [{}, 'anthropic'], expected: undefined },
];
for (const row of forRows) test(`signatureFor: ${row.name}`, () => assert.equal(signatureFor(...row.input), row.expected));

test('a marked base64 signature stays base64 and survives a decode/re-encode (Gemini bytes field)', () => {
  const signature = Buffer.from('any opaque signature bytes \u0000\u00ff').toString('base64');
  for (const family of ['anthropic', 'bedrock', 'gemini', 'openai', 'cohere'] as const) {
    const marked = markSignature(signature, family);
    assert.equal(marked.length % 4, 0);
    const reencoded = Buffer.from(marked, 'base64').toString('base64');
    assert.equal(reencoded, marked);
    assert.deepEqual(readSignature(reencoded, 'gemini'), { signature, signedBy: family });
  }
});
