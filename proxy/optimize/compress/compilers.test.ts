import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceTsc } from './compiler-tsc';
import { reduceRust } from './compiler-rust';
import { reduceEslint } from './lint-eslint';

const TS2322 = "error TS2322: Type 'string' is not assignable to type 'number'.";

const cases: Array<{ name: string; reduce: (l: string[]) => string[]; input: string[]; expected: string[] }> = [
  {
    name: 'tsc: a message at three or more places is printed once with all its locations',
    reduce: reduceTsc,
    input: [`src/a.ts(2,9): ${TS2322}`, `src/b.ts(2,9): ${TS2322}`, "src/c.ts(8,19): error TS7006: Parameter 'o' implicitly has an 'any' type.", `src/d.ts(3,3): ${TS2322}`],
    expected: [`${TS2322} — at 3 locations:`, '  src/a.ts(2,9)', '  src/b.ts(2,9)', '  src/d.ts(3,3)', "src/c.ts(8,19): error TS7006: Parameter 'o' implicitly has an 'any' type."],
  },
  {
    name: 'tsc: messages with continuation lines are never grouped',
    reduce: reduceTsc,
    input: [`src/a.ts(1,1): ${TS2322}`, '  Types of property x are incompatible.', `src/b.ts(1,1): ${TS2322}`, `src/c.ts(1,1): ${TS2322}`],
    expected: [`src/a.ts(1,1): ${TS2322}`, '  Types of property x are incompatible.', `src/b.ts(1,1): ${TS2322}`, `src/c.ts(1,1): ${TS2322}`],
  },
  {
    name: 'tsc --pretty: code frames folded, diagnostics and summary kept',
    reduce: reduceTsc,
    input: [`src/a.ts:2:9 - ${TS2322}`, '', '2   const n: number = input;', '          ~', '', 'Found 1 error in src/a.ts:2', ''],
    expected: [`src/a.ts:2:9 - ${TS2322}`, '', 'Found 1 error in src/a.ts:2', '', '[… 1 code frame (source line + ~~~ underline) folded]'],
  },
  {
    name: 'cargo: compile progress folds, diagnostics stay',
    reduce: reduceRust,
    input: ['   Compiling libc v0.2.1', '   Compiling cfg-if v1.0.0', '   Compiling serde v1.0.0', 'error[E0308]: mismatched types', '  --> src/main.rs:14:20'],
    expected: ['   [… 3 cargo progress lines (Compiling/Checking/Downloaded …) folded]', 'error[E0308]: mismatched types', '  --> src/main.rs:14:20'],
  },
  {
    name: 'eslint: a problem at several places in one file is printed once with its positions',
    reduce: reduceEslint,
    input: [
      '/app/src/cart.ts',
      "   3:10  error    'unused' is defined but never used  @typescript-eslint/no-unused-vars",
      '  14:5   warning  Unexpected console statement        no-console',
      "  20:3   error    'unused' is defined but never used  @typescript-eslint/no-unused-vars",
      '',
      '/app/src/format.ts',
      "  8:1  error  'unused' is defined but never used  @typescript-eslint/no-unused-vars",
      '',
      '✖ 4 problems (3 errors, 1 warning)',
    ],
    expected: [
      '/app/src/cart.ts',
      "  error  'unused' is defined but never used  @typescript-eslint/no-unused-vars — at 3:10, 20:3",
      '  14:5   warning  Unexpected console statement        no-console',
      '',
      '/app/src/format.ts',
      "  8:1  error  'unused' is defined but never used  @typescript-eslint/no-unused-vars",
      '',
      '✖ 4 problems (3 errors, 1 warning)',
    ],
  },
];

for (const c of cases) {
  test(`compilers — ${c.name}`, () => assert.deepEqual(c.reduce(c.input), c.expected));
}
