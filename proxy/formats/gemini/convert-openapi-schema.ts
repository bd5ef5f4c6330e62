// Gemini's `parameters` and `responseSchema` use an OpenAPI 3.0 Schema subset (upper-case types,
// `nullable`); canonical tools carry JSON Schema. https://ai.google.dev/api/caching#Schema

type Schema = Record<string, unknown>;

/** Converts a Gemini OpenAPI schema to JSON Schema, recursively. */
export function openApiSchemaToJsonSchema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'type':
        out.type = typeof value === 'string' ? value.toLowerCase() : value;
        break;
      case 'nullable':
        break; // folded into `type` below
      case 'propertyOrdering':
        break; // an ordering hint for Gemini's decoder, meaningless in JSON Schema
      case 'properties':
        out.properties = mapValues(value, openApiSchemaToJsonSchema);
        break;
      case 'items':
        out.items = isSchema(value) ? openApiSchemaToJsonSchema(value) : value;
        break;
      case 'anyOf':
        out.anyOf = Array.isArray(value) ? value.map((s) => (isSchema(s) ? openApiSchemaToJsonSchema(s) : s)) : value;
        break;
      case 'minItems':
      case 'maxItems':
      case 'minLength':
      case 'maxLength':
      case 'minProperties':
      case 'maxProperties':
        // Gemini's proto serialises int64 as strings.
        out[key] = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
        break;
      default:
        out[key] = value;
    }
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapValues(value: unknown, fn: (s: Schema) => Schema): unknown {
  if (!isSchema(value)) return value;
  const out: Schema = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSchema(v) ? fn(v) : v;
  return out;
}
