// Outputs the model edits from must reach it byte for byte: file-reading and file-editing tools,
// and output that is a numbered file listing (`cat -n`, Claude Code's Read format).

// Names after MCP-style prefixes (`mcp__fs__read_file`) are stripped.
const NAMESPACE = /^(?:mcp__[^_]+(?:_[^_]+)*__|[\w-]+[.:/])/;
const FILE_TOOL = /^(?:read|view|cat|open|edit|multi_?edit|write|create|str_replace\w*|apply_?patch|patch|notebook_?(?:read|edit)|insert)(?:_?(?:file|files|text_file|multiple_files|file_contents|notebook))?$|^(?:read_many_files|replace|get_file_contents|file_read|file_view|view_file|open_file|read_file|write_file|edit_file|create_file|text_editor)$/i;
const NUMBERED_LINE = /^\s*\d+(?:→|\t| \| |: )/;

export function isFileTool(toolName: string): boolean {
  return FILE_TOOL.test(toolName.replace(NAMESPACE, ''));
}

/** True when most of the first lines are numbered like a file view. */
export function looksLikeNumberedFile(text: string): boolean {
  const lines = text.slice(0, 4096).split('\n').filter((l) => l.trim() !== '').slice(0, 20);
  if (lines.length < 3) return false;
  return lines.filter((l) => NUMBERED_LINE.test(l)).length / lines.length >= 0.8;
}
