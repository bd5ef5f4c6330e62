import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from './parse-command';

const cases: Array<{ command: string; expected: { program: string; args?: string[]; truncated?: boolean; filtered?: boolean; fileRead?: boolean; logRead?: boolean } | null }> = [
  { command: 'git diff', expected: { program: 'git', args: ['diff'] } },
  { command: 'cd /repo && git diff --stat', expected: { program: 'git', args: ['diff', '--stat'] } },
  { command: 'CI=1 FORCE_COLOR=0 npx jest --ci', expected: { program: 'jest', args: ['--ci'] } },
  { command: 'npx -y tsc --noEmit -p . 2>&1', expected: { program: 'tsc', args: ['--noEmit', '-p', '.'] } },
  { command: 'npm test', expected: { program: 'npm', args: ['test'] } },
  { command: 'pnpm vitest run', expected: { program: 'vitest', args: ['run'] } },
  { command: 'yarn install --frozen-lockfile', expected: { program: 'yarn', args: ['install', '--frozen-lockfile'] } },
  { command: 'python3 -m pytest -q tests/', expected: { program: 'pytest', args: ['-q', 'tests/'] } },
  { command: 'uv run pytest', expected: { program: 'pytest', args: [] } },
  { command: 'sudo timeout 60 cargo test --offline', expected: { program: 'cargo', args: ['test', '--offline'] } },
  { command: 'git diff | head -400', expected: { program: 'git', truncated: true, filtered: false } },
  { command: 'git log --oneline | grep fix', expected: { program: 'git', filtered: true } },
  { command: 'pytest 2>&1 | tee out.log', expected: { program: 'pytest', truncated: false, filtered: false } },
  { command: 'bash -lc "cd app && go test ./..."', expected: { program: 'go', args: ['test', './...'] } },
  { command: "sh -c 'git status'", expected: { program: 'git', args: ['status'] } },
  { command: 'cat src/index.ts', expected: { program: 'cat', fileRead: true, logRead: false } },
  { command: "sed -n '10,80p' src/a.ts", expected: { program: 'sed', fileRead: true } },
  { command: 'head -50 README.md | cat', expected: { program: 'head', fileRead: true } },
  { command: 'git show HEAD~2:src/a.ts', expected: { program: 'git', fileRead: true } },
  { command: 'git show HEAD~2', expected: { program: 'git', fileRead: false } },
  { command: 'tail -n 200 /var/log/syslog', expected: { program: 'tail', fileRead: true, logRead: true } },
  { command: 'tail -f server.log', expected: { program: 'tail', fileRead: true, logRead: true } },
  { command: 'cat src/log/ms.js', expected: { program: 'cat', fileRead: true, logRead: false } },
  { command: 'npm run build && npm test # run both', expected: { program: 'npm', args: ['test'] } },
  { command: 'git status; echo done', expected: { program: 'git', args: ['status'] } },
  { command: 'grep -rn "a|b" src > /tmp/out.txt', expected: { program: 'grep', args: ['-rn', 'a|b', 'src'] } },
  { command: 'time (npm test)', expected: { program: 'npm', args: ['test'] } },
  { command: '{ make; } 2>&1 | tail -50', expected: { program: 'make', truncated: true } },
  { command: "python3 - <<'EOF'\nimport sys\nprint(sys.version)\nEOF", expected: { program: 'python3', args: ['-'] } },
  { command: 'cat <<EOF > notes.txt\nhello | world\nEOF\ngit diff', expected: { program: 'git', args: ['diff'] } },
  { command: 'echo "$(git rev-parse HEAD)" && git log -n 3', expected: { program: 'git', args: ['log', '-n', '3'] } },
  { command: 'cd /tmp', expected: null },
  { command: '', expected: null },
];

for (const c of cases) {
  test(`parseCommand: ${JSON.stringify(c.command)}`, () => {
    const parsed = parseCommand(c.command);
    if (c.expected === null) return assert.equal(parsed, null);
    assert.ok(parsed);
    for (const [key, value] of Object.entries(c.expected)) assert.deepEqual(parsed[key as keyof typeof parsed], value, key);
  });
}
