// Canonical response → Responses API `response` object.

import type { CanonicalResponse } from '../canonical';
import { buildReasoningItem, buildResponseObject, itemId, MODEL_ERROR, statusOf, toResponseId, type OutputItem } from './responses-output';

export function encodeResponsesResponse(response: CanonicalResponse, model: string): Record<string, unknown> {
  const id = toResponseId(response.id);
  const { status } = statusOf(response.finishReason);
  // A message cut short is itself incomplete, as OpenAI reports it.
  const itemStatus = status === 'incomplete' ? 'incomplete' : 'completed';
  const output: OutputItem[] = [];
  for (const part of response.parts) {
    const last = output[output.length - 1];
    switch (part.type) {
      case 'text':
        if (last?.type === 'message') last.content[0].text += part.text;
        else output.push({ type: 'message', id: itemId(id, 'msg', output.length), status: itemStatus, role: 'assistant', content: [{ type: 'output_text', text: part.text, annotations: [] }] });
        break;
      case 'reasoning':
        output.push(buildReasoningItem(itemId(id, 'rs', output.length), part.text, part));
        break;
      case 'tool_call':
        output.push({ type: 'function_call', id: itemId(id, 'fc', output.length), status: 'completed', call_id: part.id, name: part.name, arguments: part.arguments });
        break;
    }
  }
  return buildResponseObject({
    id,
    createdAt: response.created ?? Math.floor(Date.now() / 1000),
    model,
    status,
    output,
    usage: response.usage,
    finishReason: response.finishReason,
    error: status === 'failed' ? MODEL_ERROR : undefined,
  });
}
