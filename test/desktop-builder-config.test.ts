// electron-builder.yml checked with electron-builder's own loader and JSON-schema validation, plus the
// promises docs/desktop.md makes: the four targets, the icons, native modules rebuilt and unpacked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './helpers/spawn-gateway';

interface TargetSpec { target: string; arch?: string[] }
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: Array<{ filter: string[] }>;
  npmRebuild?: boolean;
  asarUnpack?: string[];
  mac?: { target?: TargetSpec[]; icon?: string };
  win?: { target?: TargetSpec[]; icon?: string };
  linux?: { target?: TargetSpec[]; icon?: string; executableName?: string };
  deb?: { depends?: string[] };
}

// electron-builder logs to stdout, which the node test runner reserves for its own protocol: load and
// validate in a child process and read its verdict from the last line.
const CHECK = `
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');
(async () => {
  const [root, override] = process.argv.slice(1);
  const config = await getConfig(root, root + '/electron-builder.yml', null);
  const checked = override ? { ...config, ...JSON.parse(override) } : config;
  try {
    await validateConfiguration(checked, new DebugLogger(false));
    console.log(JSON.stringify({ config }));
  } catch (err) {
    console.log(JSON.stringify({ error: err.message }));
  }
})();
`;

function runCheck(override?: object): { config?: BuilderConfig; error?: string } {
  const out = execFileSync(process.execPath, ['-e', CHECK, REPO_ROOT, ...(override ? [JSON.stringify(override)] : [])], { cwd: REPO_ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

async function loadConfig(): Promise<BuilderConfig> {
  const result = runCheck();
  assert.equal(result.error, undefined, result.error);
  return result.config!;
}

test('electron-builder.yml passes electron-builder validation and builds the four installers', async () => {
  const config = await loadConfig();
  assert.equal(config.productName, 'Switchyard');
  assert.deepEqual(config.mac?.target?.map((t) => t.target), ['dmg']);
  assert.deepEqual(config.win?.target?.map((t) => t.target), ['nsis']);
  assert.deepEqual(config.linux?.target?.map((t) => t.target), ['AppImage', 'deb']);
  assert.equal(config.npmRebuild, true, 'native modules rebuilt for Electron');
  for (const native of ['better-sqlite3', 'keytar']) assert.ok(config.asarUnpack?.some((g) => g.includes(native)), native);
  assert.ok(config.deb?.depends?.includes('libsecret-1-0'), 'keytar needs libsecret at run time');
});

test('the icons and entry points it names exist', async () => {
  const config = await loadConfig();
  for (const icon of [config.mac?.icon, config.win?.icon]) assert.ok(icon && fs.statSync(path.join(REPO_ROOT, icon)).isFile(), icon);
  const linuxIcons = fs.readdirSync(path.join(REPO_ROOT, config.linux!.icon!));
  for (const size of [16, 32, 64, 128, 256, 512]) assert.ok(linuxIcons.includes(`${size}x${size}.png`), `${size}px Linux icon`);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string };
  assert.equal(pkg.main, 'dist/main/app.js');
  assert.ok(fs.existsSync(path.join(REPO_ROOT, pkg.main)), 'the Electron entry is compiled');
  assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/main/preload.js')));
  const filters = config.files?.flatMap((f) => f.filter) ?? [];
  for (const glob of ['dist/main/**/*.js', 'dist/proxy/**/*.js', 'assets/tray/**', '!dist/**/*.test.js']) assert.ok(filters.includes(glob), glob);
});

test('the validation used above does reject a bad config (so its pass means something)', () => {
  assert.match(runCheck({ nsis: { oneClik: false } }).error ?? '', /does not match the API schema[\s\S]*configuration\.nsis/);
});
