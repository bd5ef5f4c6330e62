import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStackFrames } from './fold-stack-frames';

const cases: Array<{ name: string; input: string[]; expected: string[] }> = [
  {
    name: 'JS: dependency frames after the user frame are folded with their packages',
    input: [
      "TypeError: Cannot read properties of undefined (reading 'x')",
      '    at handler (/app/src/routes.js:4:10)',
      '    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)',
      '    at next (/app/node_modules/express/lib/router/route.js:149:13)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ],
    expected: [
      "TypeError: Cannot read properties of undefined (reading 'x')",
      '    at handler (/app/src/routes.js:4:10)',
      '    [… 3 dependency frames folded: express, node internals]',
    ],
  },
  {
    name: 'JS: the frame that threw stays even inside a dependency; user frames between runs stay',
    input: [
      'Error: bad',
      '    at parse (/app/node_modules/yaml/dist/a.js:1:1)',
      '    at compose (/app/node_modules/yaml/dist/b.js:2:2)',
      '    at load (/app/node_modules/yaml/dist/c.js:3:3)',
      '    at readConfig (/app/src/config.ts:12:5)',
      '    at main (/app/src/index.ts:3:1)',
    ],
    expected: [
      'Error: bad',
      '    at parse (/app/node_modules/yaml/dist/a.js:1:1)',
      '    [… 2 dependency frames folded: yaml]',
      '    at readConfig (/app/src/config.ts:12:5)',
      '    at main (/app/src/index.ts:3:1)',
    ],
  },
  {
    name: 'JS: a single dependency frame is not worth a note',
    input: ['Error: x', '    at a (/app/src/a.js:1:1)', '    at b (/app/node_modules/p/b.js:1:1)', '    at c (/app/src/c.js:1:1)'],
    expected: ['Error: x', '    at a (/app/src/a.js:1:1)', '    at b (/app/node_modules/p/b.js:1:1)', '    at c (/app/src/c.js:1:1)'],
  },
  {
    name: 'Python: library frames folded, the last (raising) frame kept',
    input: [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 9, in <module>',
      '    main()',
      '  File "/usr/lib/python3.11/site-packages/jsonschema/validators.py", line 1330, in validate',
      '    cls.check_schema(schema)',
      '  File "/usr/lib/python3.11/site-packages/jsonschema/validators.py", line 300, in check_schema',
      '    for error in validator.iter_errors(schema):',
      '  File "/usr/lib/python3.11/site-packages/jsonschema/_keywords.py", line 12, in type_',
      '    raise ValidationError(f"{instance!r} is not of type")',
      "jsonschema.exceptions.ValidationError: '8080' is not of type 'integer'",
    ],
    expected: [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 9, in <module>',
      '    main()',
      '  [… 2 dependency frames folded: jsonschema]',
      '  File "/usr/lib/python3.11/site-packages/jsonschema/_keywords.py", line 12, in type_',
      '    raise ValidationError(f"{instance!r} is not of type")',
      "jsonschema.exceptions.ValidationError: '8080' is not of type 'integer'",
    ],
  },
  {
    name: 'Rust: std panic machinery folded, the test frame kept',
    input: [
      'stack backtrace:',
      '   0: __rustc::rust_begin_unwind',
      '             at /rustc/abc/library/std/src/panicking.rs:689:5',
      '   1: core::panicking::panic_fmt',
      '             at /rustc/abc/library/core/src/panicking.rs:80:14',
      '   2: ledger::tests::negative',
      '             at ./src/lib.rs:69:9',
    ],
    expected: ['stack backtrace:', '   [… 2 dependency frames folded: Rust std]', '   2: ledger::tests::negative', '             at ./src/lib.rs:69:9'],
  },
  { name: 'text without frames passes through', input: ['at the end of the day', '  at least'], expected: ['at the end of the day', '  at least'] },
];

for (const c of cases) {
  test(`foldStackFrames: ${c.name}`, () => assert.deepEqual(foldStackFrames(c.input), c.expected));
}
