// `tree` and `npm ls` draw hierarchy with box-drawing glyphs that cost several tokens per level;
// two spaces per level say the same thing.

const TREE_LINE = /^([│ ]*)[├└]─[─┬]? ?(.*)$/;
// npm ls indents by 2 columns per level ("│ ├── a"), tree by 4 ("│   ├── a").
const NARROW = /│ [│├└]/;

/** Lines drawn with tree glyphs become indented by depth; other lines pass through. Null if it is not a tree. */
export function flattenTreeGlyphs(lines: string[]): string[] | null {
  let unit = 4;
  let matched = 0;
  for (const line of lines) {
    if (!TREE_LINE.test(line)) continue;
    matched++;
    if (NARROW.test(line)) unit = 2;
  }
  if (matched < 3) return null;
  return lines.map((line) => {
    const m = TREE_LINE.exec(line);
    if (!m) return line;
    return `${'  '.repeat(Math.round(m[1].length / unit) + 1)}${m[2]}`;
  });
}
