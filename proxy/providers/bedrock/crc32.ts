// CRC-32 (IEEE 802.3, the gzip/zlib polynomial) used by AWS event-stream frames: zlib's native one.

import { crc32 as zlibCrc32 } from 'node:zlib';

export function crc32(data: Uint8Array, start = 0, end = data.length): number {
  return zlibCrc32(data.subarray(start, end)) >>> 0;
}
