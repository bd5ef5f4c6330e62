// Provider codecs by wire format: how the pipeline reaches a provider that speaks a different API.

import type { WireFormat } from '../formats/canonical';
import type { ProviderCodec } from './codec';

const CODECS: Partial<Record<WireFormat, ProviderCodec<any>>> = {};

export function codecFor(wire: WireFormat): ProviderCodec<any> | undefined {
  return CODECS[wire];
}
