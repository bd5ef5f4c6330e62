// Reads the tool-output corpus (test/fixtures/tool-outputs): each `<family>/<name>.txt` with its
// `<name>.json` metadata. Shared by the fixture table test and the compression report.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ToolOutputFixture {
  /** `<family>/<name>` */
  id: string;
  family: string;
  output: string;
  command: string;
  facts: string[];
  synthetic: boolean;
}

/** The corpus directory, found from the compiled or the source location. */
export function findFixtureDir(from: string = __dirname): string {
  let dir = resolve(from);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'test', 'fixtures', 'tool-outputs');
    // The manifest tells the corpus apart from build output that may mirror its path under dist/.
    if (existsSync(join(candidate, 'manifest.tsv'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error(`test/fixtures/tool-outputs not found above ${from}`);
}

export function loadToolOutputFixtures(dir: string = findFixtureDir()): ToolOutputFixture[] {
  const fixtures: ToolOutputFixture[] = [];
  for (const family of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(dir, family)).filter((f) => f.endsWith('.json')).sort()) {
      const name = file.slice(0, -'.json'.length);
      const meta = JSON.parse(readFileSync(join(dir, family, file), 'utf8')) as { command: string; facts: string[]; synthetic?: boolean };
      fixtures.push({
        id: `${family}/${name}`,
        family,
        output: readFileSync(join(dir, family, `${name}.txt`), 'utf8'),
        command: meta.command,
        facts: meta.facts,
        synthetic: meta.synthetic === true,
      });
    }
  }
  return fixtures;
}
