// One table for the test-runner reducers: passing tests fold with a count, failures stay whole.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceJest } from './test-runner-jest';
import { reduceVitest } from './test-runner-vitest';
import { reduceMocha } from './test-runner-mocha';
import { reduceNodeSpec, reduceNodeTap } from './test-runner-node';
import { reducePytest } from './test-runner-pytest';
import { reduceUnittest } from './test-runner-unittest';
import { reduceGoTest } from './test-runner-go';
import { reduceCargoTest } from './test-runner-cargo';

const cases: Array<{ name: string; reduce: (l: string[]) => string[]; input: string[]; expected: string[] }> = [
  {
    name: 'jest verbose: an all-passing suite becomes one line, a failing suite keeps ✕ and ● blocks',
    reduce: reduceJest,
    input: [
      ' PASS  src/utils/format.test.ts (1.2 s)', '  formatPrice', '    ✓ formats whole dollars (3 ms)', '    ✓ formats cents (1 ms)', '',
      ' FAIL  src/cart/cart.test.ts', '  Cart', '    ✓ adds an item (2 ms)', '    ✓ removes an item (1 ms)', '    ✕ applies discount codes (4 ms)', '',
      '  ● Cart › applies discount codes', '', '    Expected: 90', '    Received: 100', '', '      at Object.<anonymous> (src/cart/cart.test.ts:14:34)', '',
      'Tests:       1 failed, 4 passed, 5 total',
    ],
    expected: [
      '[… PASS src/utils/format.test.ts: 2 passing tests folded]',
      ' FAIL  src/cart/cart.test.ts', '  Cart', '    [… 2 passing tests folded]', '    ✕ applies discount codes (4 ms)', '',
      '  ● Cart › applies discount codes', '', '    Expected: 90', '    Received: 100', '', '      at Object.<anonymous> (src/cart/cart.test.ts:14:34)', '',
      'Tests:       1 failed, 4 passed, 5 total',
    ],
  },
  {
    name: 'jest default: consecutive bare PASS lines fold to a count',
    reduce: reduceJest,
    input: [' PASS  a.test.ts', ' PASS  b.test.ts', ' PASS  c.test.ts', ' FAIL  d.test.ts', '  ● d › x', 'Tests:       1 failed, 9 passed, 10 total'],
    expected: ['[… 3 passing test files folded]', ' FAIL  d.test.ts', '  ● d › x', 'Tests:       1 failed, 9 passed, 10 total'],
  },
  {
    name: 'vitest: passing files fold with their test count; × tests stay',
    reduce: reduceVitest,
    input: [' ✓ src/a.test.ts  (6 tests) 5ms', ' ✓ src/b.test.ts  (4 tests) 3ms', ' ❯ src/c.test.ts  (3 tests | 1 failed) 9ms', '   ✓ C > one', '   ✓ C > two', '   × C > three', '     → expected 1 to be 2'],
    expected: [' [… 2 passing test files (10 tests) folded]', ' ❯ src/c.test.ts  (3 tests | 1 failed) 9ms', '   [… 2 passing tests folded]', '   × C > three', '     → expected 1 to be 2'],
  },
  {
    name: 'mocha: ✔ runs fold under their suite; numbered failures stay',
    reduce: reduceMocha,
    input: ['  Cart', '    ✔ adds', '    ✔ removes (45ms)', '    1) applies discount codes', '', '  2 passing (50ms)', '  1 failing'],
    expected: ['  Cart', '    [… 2 passing tests folded]', '    1) applies discount codes', '', '  2 passing (50ms)', '  1 failing'],
  },
  {
    name: 'node:test TAP: passing tests and all-passing suites fold; not ok keeps its YAML',
    reduce: reduceNodeTap,
    input: [
      'TAP version 13',
      '# Subtest: ms(1s)', 'ok 1 - ms(1s)', '  ---', '  duration_ms: 2.4', '  ...',
      '# Subtest: ms(1m)', 'ok 2 - ms(1m)', '  ---', '  duration_ms: 0.4', '  ...',
      '# Subtest: suite', '    # Subtest: inner', '    ok 1 - inner', '      ---', '      duration_ms: 1', '      ...', '    1..1', 'ok 3 - suite', '  ---', "  type: 'suite'", '  ...',
      '# Subtest: formats long', 'not ok 4 - formats long', '  ---', "  location: '/t/ms.test.js:6:1'", "  expected: '1 minutes'", "  actual: '1 minute'", '  ...',
      '1..4', '# tests 4', '# pass 3', '# fail 1',
    ],
    expected: [
      'TAP version 13',
      '[… 3 passing tests folded]',
      '# Subtest: formats long', 'not ok 4 - formats long', '  ---', "  location: '/t/ms.test.js:6:1'", "  expected: '1 minutes'", "  actual: '1 minute'", '  ...',
      '1..4', '# tests 4', '# pass 3', '# fail 1',
    ],
  },
  {
    name: 'node:test TAP: a failed test keeps the frame that threw; node internals in its YAML stack fold',
    reduce: reduceNodeTap,
    input: ['not ok 1 - x', '  ---', "  location: '/t/a.test.js:3:1'", '  stack: |-', '    TestContext.<anonymous> (/t/a.test.js:3:35)', '    Test.runInAsyncScope (node:async_hooks:206:9)', '    Test.run (node:internal/test_runner/test:796:25)', '    async Test.processPendingSubtests (node:internal/test_runner/test:526:7)', '  ...'],
    expected: ['not ok 1 - x', '  ---', "  location: '/t/a.test.js:3:1'", '  stack: |-', '    TestContext.<anonymous> (/t/a.test.js:3:35)', '    [… 3 dependency frames folded]', '  ...'],
  },
  {
    name: 'node:test spec: ✔ runs and passing suites fold; inline details repeated in the summary are kept once',
    reduce: reduceNodeSpec,
    input: [
      '✔ a (1ms)', '✔ b (1ms)', '▶ suite', '  ✔ c (1ms)', '  ✔ d (1ms)', '✔ suite (3ms)',
      '✖ formats long (1.5ms)', '  AssertionError: Expected values to be strictly equal:', "  + '1 minute'", "  - '1 minutes'",
      'ℹ tests 5', 'ℹ fail 1', '', '✖ failing tests:', '', 'test at test/ms.test.js:6:1',
      '✖ formats long (1.5ms)', '  AssertionError: Expected values to be strictly equal:', "  + '1 minute'", "  - '1 minutes'",
    ],
    expected: [
      '[… 2 passing tests folded]', '[… suite "suite": 2 passing tests folded]',
      '✖ formats long (1.5ms)', '  [… 3 lines of failure detail, repeated under "✖ failing tests" below]',
      'ℹ tests 5', 'ℹ fail 1', '', '✖ failing tests:', '', 'test at test/ms.test.js:6:1',
      '✖ formats long (1.5ms)', '  AssertionError: Expected values to be strictly equal:', "  + '1 minute'", "  - '1 minutes'",
    ],
  },
  {
    name: 'pytest -v: PASSED lines fold; FAILED, SKIPPED and the summary stay',
    reduce: reducePytest,
    input: ['tests/t.py::test_a PASSED                 [ 25%]', 'tests/t.py::test_b PASSED                 [ 50%]', 'tests/t.py::test_c FAILED                 [ 75%]', 'tests/t.py::test_d SKIPPED (offline)      [100%]', '=========== 1 failed, 2 passed, 1 skipped in 0.1s ==========='],
    expected: ['[… 2 PASSED tests folded]', 'tests/t.py::test_c FAILED                 [ 75%]', 'tests/t.py::test_d SKIPPED (offline)      [100%]', '=========== 1 failed, 2 passed, 1 skipped in 0.1s ==========='],
  },
  {
    name: 'pytest long traceback: a library frame keeps its > line, E lines and location',
    reduce: reducePytest,
    input: [
      '=================================== FAILURES ===================================', '_____ test_add _____', '',
      '    def test_add():', '>       add(-1)', '', 'tests/test_x.py:5: ',
      '_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ',
      '', 'instance = -1', '', '    def validate(instance, schema):', '        """Validate."""', '        error = first(instance)', '        if error:', '>           raise error', 'E           ValidationError: -1 is less than the minimum of 0', '',
      '/usr/lib/python3.11/site-packages/jsonschema/validators.py:1332: ValidationError',
      '=========================== short test summary info ============================',
    ],
    expected: [
      '=================================== FAILURES ===================================', '_____ test_add _____', '',
      '    def test_add():', '>       add(-1)', '', 'tests/test_x.py:5: ',
      '_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ ',
      '[… 5 lines of library source and locals folded]', '>           raise error', 'E           ValidationError: -1 is less than the minimum of 0',
      '/usr/lib/python3.11/site-packages/jsonschema/validators.py:1332: ValidationError',
      '=========================== short test summary info ============================',
    ],
  },
  {
    name: 'unittest -v: "... ok" lines fold',
    reduce: reduceUnittest,
    input: ['test_a (t.T.test_a) ... ok', 'test_b (t.T.test_b) ... ok', 'test_c (t.T.test_c) ... FAIL', 'Ran 3 tests in 0.001s'],
    expected: ['[… 2 passing tests folded]', 'test_c (t.T.test_c) ... FAIL', 'Ran 3 tests in 0.001s'],
  },
  {
    name: 'go test -v: bare RUN lines go, PASS runs fold, a failing test keeps its logs',
    reduce: reduceGoTest,
    input: ['=== RUN   TestA', '--- PASS: TestA (0.00s)', '=== RUN   TestB', '--- PASS: TestB (0.00s)', '=== RUN   TestC', '    c_test.go:42: got 100, want 90', '--- FAIL: TestC (0.00s)', 'FAIL', 'FAIL\texample.com/p\t0.01s'],
    expected: ['[… 2 passing tests folded]', '=== RUN   TestC', '    c_test.go:42: got 100, want 90', '--- FAIL: TestC (0.00s)', 'FAIL', 'FAIL\texample.com/p\t0.01s', '[… 2 === RUN/PAUSE/CONT lines without output dropped]'],
  },
  {
    name: 'cargo test: ok lines fold; FAILED and ignored stay',
    reduce: reduceCargoTest,
    input: ['running 4 tests', 'test tests::a ... ok', 'test tests::b ... ok', 'test tests::c ... FAILED', 'test tests::d ... ignored', 'test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out'],
    expected: ['running 4 tests', '[… 2 passed tests folded]', 'test tests::c ... FAILED', 'test tests::d ... ignored', 'test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out'],
  },
];

for (const c of cases) {
  test(`test runners — ${c.name}`, () => assert.deepEqual(c.reduce(c.input), c.expected));
}
