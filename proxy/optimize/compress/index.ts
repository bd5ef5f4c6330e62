// Tool-output compression: what the request pipeline, the CLI and the report use.

export { compressToolResults, compressForForwarding, DEFAULT_MIN_CHARS, type CompressToolResultsOptions, type CompressedItem } from './compress-tool-results';
export { compressToolOutput, type CompressContext, type CompressResult } from './compress-tool-output';
export { createToolOutputCache, type ToolOutputCache } from './tool-output-cache';
export type { Family } from './detect-family';
