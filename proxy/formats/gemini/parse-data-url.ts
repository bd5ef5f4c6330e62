// Splits a base64 `data:` URL into media type and payload; anything else is not inline data.

export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice(5, comma);
  if (!header.endsWith(';base64')) return undefined;
  return { mediaType: header.slice(0, -7) || 'application/octet-stream', data: url.slice(comma + 1) };
}
