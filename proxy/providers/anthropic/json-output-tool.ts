// JSON response formats on the Anthropic wire.
// - json_schema → `output_config.format` (Anthropic's structured outputs, GA on Claude Haiku 4.5,
//   Sonnet 4.5, Opus 4.5 and later: https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs).
//   It constrains decoding like OpenAI's strict json_schema, works alongside tools and thinking,
//   and the answer comes back as ordinary text. Older models reject it with a 400 naming the field.
// - json_object → there is no schema-less JSON mode, so the documented tool-use approach: one tool
//   whose input is any object, forced with tool_choice {type: "tool"}; its input is handed back to
//   the client as the response text (https://docs.anthropic.com/en/docs/build-with-claude/tool-use).

import { GatewayError } from '../../errors';
import type { CanonicalRequest } from '../../formats/canonical';
import type { SettingNames } from '../../formats/setting-names';

/** Reserved: a client tool of this name would be indistinguishable from the JSON answer. */
export const JSON_OUTPUT_TOOL = 'switchyard_json_output';

export type JsonOutput =
  | { kind: 'format'; format: { type: 'json_schema'; schema: Record<string, unknown> } }
  | { kind: 'tool'; tool: Record<string, unknown>; toolChoice: Record<string, unknown> };

export function encodeJsonOutput(request: CanonicalRequest, names: SettingNames): JsonOutput | undefined {
  const format = request.responseFormat;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_schema') return { kind: 'format', format: { type: 'json_schema', schema: format.schema } };
  // Forcing our tool would stop the model from calling the client's tools, and Anthropic refuses
  // forced tool use while extended thinking is on: neither can be honoured faithfully.
  if (request.tools && request.tools.length > 0) {
    throw new GatewayError('unsupported', `${names.jsonObject} together with tools cannot be translated for Anthropic models; ask for a JSON schema instead`);
  }
  if (request.reasoning && (request.reasoning.budgetTokens !== undefined || request.reasoning.effort !== undefined)) {
    throw new GatewayError('unsupported', `${names.jsonObject} together with reasoning cannot be translated for Anthropic models; ask for a JSON schema instead`);
  }
  return {
    kind: 'tool',
    tool: { name: JSON_OUTPUT_TOOL, description: 'Respond with your final answer, a JSON object, as this tool’s input.', input_schema: { type: 'object', additionalProperties: true } },
    toolChoice: { type: 'tool', name: JSON_OUTPUT_TOOL },
  };
}
