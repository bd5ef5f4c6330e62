// Runs the compiled preload the way a sandboxed renderer does: a require() that knows only `electron`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as vm from 'node:vm';
import { IPC_CHANNELS } from './ipc/contract';

const compiled = fs.readFileSync(path.join(__dirname, 'preload.js'), 'utf8');

function loadPreload() {
  const exposed: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  const invocations: unknown[][] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => Promise<unknown>>) => (exposed[key] = api) },
    ipcRenderer: { invoke: async (...args: unknown[]) => void invocations.push(args) },
  };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id !== 'electron') throw new Error(`module not found: ${id}`);
    return electron;
  };
  const module = { exports: {} };
  vm.runInNewContext(`(function (require, module, exports) {${compiled}\n})`, {}, { filename: 'preload.js' })(sandboxRequire, module, module.exports);
  return { exposed, invocations, required };
}

test('the preload requires nothing but electron (a sandboxed preload cannot load siblings)', () => {
  const { required } = loadPreload();
  assert.deepEqual(required, ['electron']);
  assert.deepEqual([...compiled.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]), ['electron']);
});

test('one named function per channel, each invoking its own channel with its arguments', async () => {
  const { exposed, invocations } = loadPreload();
  const bridge = exposed.switchyard;
  assert.deepEqual(Object.keys(exposed), ['switchyard']);
  const calls: Array<[string, unknown[], unknown[]]> = [
    ['getGatewayInfo', [], ['gateway:info']],
    ['listKeys', [], ['keys:list']],
    ['setKey', ['openai', 'sk-1'], ['keys:set', 'openai', 'sk-1']],
    ['deleteKey', ['openai'], ['keys:delete', 'openai']],
    ['getTrayProfile', [], ['profile:get']],
    ['setTrayProfile', [null], ['profile:set', null]],
    ['openExternal', ['https://x.example'], ['shell:open-external', 'https://x.example']],
  ];
  assert.deepEqual(Object.keys(bridge).sort(), calls.map(([name]) => name).sort());
  for (const [name, args] of calls) await bridge[name](...args);
  assert.deepEqual(invocations, calls.map(([, , expected]) => expected));
  assert.deepEqual(new Set(invocations.map((i) => i[0])), new Set(IPC_CHANNELS), 'every channel is reachable');
  assert.ok(!Object.keys(bridge).some((name) => /^(invoke|send|on)$/.test(name)), 'no generic pass-through');
});
