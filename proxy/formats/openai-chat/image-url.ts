// OpenAI carries images as URLs; inline images are `data:` URLs. Both directions live here.

import type { ImageSource } from '../canonical';

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

export function parseImageUrl(url: string): ImageSource {
  const match = DATA_URL.exec(url);
  if (match) return { kind: 'base64', mediaType: match[1], data: match[2] };
  return { kind: 'url', url };
}

export function formatImageUrl(source: ImageSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}
