// Anthropic has no JSON mode. Its documented way to get structured output is a single tool whose
// input_schema is the wanted schema, forced with tool_choice {type: "tool"}
// (https://docs.anthropic.com/en/docs/build-with-claude/tool-use#json-mode). The call's input is
// then handed back to the client as the response text, so the client never sees the tool.

import { GatewayError } from '../../errors';
import type { CanonicalRequest } from '../../formats/canonical';

/** Reserved: a client tool of this name would be indistinguishable from the JSON answer. */
export const JSON_OUTPUT_TOOL = 'switchyard_json_output';

export interface JsonOutputTool {
  tool: Record<string, unknown>;
  toolChoice: Record<string, unknown>;
}

/** The forced tool for a JSON response format, or undefined for plain text. */
export function buildJsonOutputTool(request: CanonicalRequest): JsonOutputTool | undefined {
  const format = request.responseFormat;
  if (!format || format.type === 'text') return undefined;
  // Forcing our tool would stop the model from calling the client's tools, and Anthropic refuses
  // forced tool use while extended thinking is on: neither can be honoured faithfully.
  if (request.tools && request.tools.length > 0) {
    throw new GatewayError('unsupported', 'a JSON response format together with tools cannot be translated for Anthropic models');
  }
  if (request.reasoning && (request.reasoning.budgetTokens !== undefined || request.reasoning.effort !== undefined)) {
    throw new GatewayError('unsupported', 'a JSON response format together with reasoning cannot be translated for Anthropic models');
  }
  const schema = format.type === 'json_schema' ? format.schema : { type: 'object', additionalProperties: true };
  const description =
    format.type === 'json_schema' && format.description
      ? format.description
      : `Respond with your final answer as this tool's input${format.type === 'json_schema' ? ` (${format.name})` : ''}.`;
  return {
    tool: { name: JSON_OUTPUT_TOOL, description, input_schema: schema },
    toolChoice: { type: 'tool', name: JSON_OUTPUT_TOOL },
  };
}
