// Stored XSS and page-breaking values: strings that a client request or an upstream controls (model
// names, tool names and commands, upstream error messages) go through a real gateway into its request
// log, spend rows and advisor, then every dashboard page is opened in headless Chromium. No script of
// theirs may run (React's escaping must stop it, not the CSP), no javascript: link may appear, and
// every page must still render for everyone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startPermissiveUpstream, type PermissiveUpstream } from './fakes/permissive-upstream';
import { spawnGateway, type SpawnedGateway } from './helpers/spawn-gateway';
import { ensureDashboardBuilt } from './dashboard-build';

const ADMIN_TOKEN = 'admin-token-hostile-5c2e8a0f';
const PAGES = ['overview', 'requests', 'routing', 'providers', 'clients', 'savings', 'advisor', 'connect', 'settings'] as const;
const TITLES: Record<(typeof PAGES)[number], string> = {
  overview: 'Overview', requests: 'Requests', routing: 'Routing', providers: 'Providers & keys', clients: 'Clients',
  savings: 'Savings', advisor: 'Advisor', connect: 'Connect a tool', settings: 'Settings',
};
// Each sets window.__pwned if it ever runs; none needs the CSP to be stopped.
const SCRIPTS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload="window.__pwned=2">',
  'javascript:window.__pwned=3',
  '</script><script>window.__pwned=4</script>',
  '{{constructor.constructor("window.__pwned=5")()}}',
];
const ODD = ['\u202egnp.exe\u202c', 'nul\u0000byte', '🚀👩‍👩‍👧 ﷽ \u200b', 'x'.repeat(1024 * 1024)];

// Compresses well, so with compression on each request leaves a ledger entry naming its command.
const NPM_OUTPUT = `${'npm warn deprecated inflight@1.0.6: This module is not supported\n'.repeat(80)}added 200 packages\n`;

let good: PermissiveUpstream;
let hostile: PermissiveUpstream;
let gateway: SpawnedGateway;
let browser: Browser;

before(async () => {
  ensureDashboardBuilt();
  good = await startPermissiveUpstream();
  // An upstream whose error messages are attacker-written HTML.
  hostile = await startPermissiveUpstream({ errorStatus: 400, errorBody: () => JSON.stringify({ error: { message: `bad model ${SCRIPTS.join(' ')} ${ODD[0]}`, type: SCRIPTS[1], code: SCRIPTS[0] } }) });
  gateway = await spawnGateway({
    adminToken: ADMIN_TOKEN,
    maxBodyBytes: 8 * 1024 * 1024,
    providers: [
      { id: 'good', kind: 'openai', baseUrl: `${good.url}/v1`, apiKey: 'sk-good-hostile-0000000001', prices: { m: { input: 1000, output: 1000 } } },
      { id: 'evil', kind: 'openai', baseUrl: `${hostile.url}/v1`, apiKey: 'sk-evil-hostile-0000000002' },
    ],
    routes: [{ name: 'smart', strategy: 'fallback', targets: ['evil/m', 'good/m'] }],
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  await gateway?.stop();
  await good?.close();
  await hostile?.close();
});

/** A chat request whose model and tool call/result carry `value`. */
function chat(model: string, value: string): Promise<Response> {
  const messages = [
    { role: 'user', content: 'run it' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: `c1${value}`, type: 'function', function: { name: 'bash', arguments: JSON.stringify({ command: `npm install ${value}` }) } },
        { id: 'c2', type: 'function', function: { name: value, arguments: '{}' } },
      ],
    },
    { role: 'tool', tool_call_id: `c1${value}`, content: NPM_OUTPUT },
    { role: 'tool', tool_call_id: 'c2', content: 'other output\n'.repeat(300) },
  ];
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages }),
  });
}

async function open(p: Page, name: (typeof PAGES)[number]): Promise<void> {
  await p.goto(`${gateway.url}/#/${name}`);
  await p.getByRole('heading', { level: 1, name: TITLES[name], exact: true }).waitFor();
  await p.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0, undefined, { timeout: 15_000 });
}

test('hostile model names, tool commands and upstream errors neither run nor break any page', async () => {
  for (const value of [...SCRIPTS, ...ODD]) {
    // Through a passthrough model name (reaches the upstream and is logged) and a route with a failing first target.
    for (const model of [`good/${value}`, 'smart', value]) {
      const res = await chat(model, value);
      assert.ok(res.status < 500, `${model.slice(0, 40)}: ${res.status}`);
      await res.arrayBuffer();
    }
  }
  const logged = await (await fetch(`${gateway.url}/api/requests?limit=100`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() as { requests: Array<{ model: string; error: string | null }> };
  assert.ok(logged.requests.some((r) => r.model.includes('onerror')), 'the hostile model names were logged');
  assert.ok(logged.requests.some((r) => r.error?.includes('onerror')), 'the hostile upstream message was logged');
  // A megabyte model name is refused (it would not even fit the answer's headers) and logged by its start.
  assert.ok(logged.requests.every((r) => r.model.length <= 513), 'no model name is logged whole at any size');

  const advisor = await (await fetch(`${gateway.url}/api/advisor`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() as { suggestions: Array<{ id: string; title: string; data: { commands?: Array<{ command: string }> } }> };
  const commands = advisor.suggestions.find((s) => s.id === 'enable-compression')?.data.commands?.map((c) => c.command) ?? [];
  assert.ok(commands.some((c) => c.includes('onerror')), `the advisor names the hostile commands: ${commands.map((c) => c.slice(0, 60))}`);

  // With compression on, the same requests leave savings evidence (commands, call ids) to show.
  const settings = await fetch(`${gateway.url}/api/settings`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ compression: { enabled: true } }) });
  assert.equal(settings.status, 200);
  for (const value of [...SCRIPTS, ...ODD]) await (await chat('good/m', value)).arrayBuffer();
  const ledger = await (await fetch(`${gateway.url}/api/ledger`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
  assert.match(ledger, /onerror/, 'the hostile commands are in the savings evidence');

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  ctx.setDefaultTimeout(15_000);
  await ctx.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.sample}`));
  });
  const p = await ctx.newPage();
  const problems: string[] = [];
  p.on('pageerror', (error) => problems.push(`page error: ${error.message.slice(0, 300)}`));
  p.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message().slice(0, 100)}`);
    void dialog.dismiss();
  });
  await p.goto(`${gateway.url}/#token=${ADMIN_TOKEN}`);
  await p.getByRole('heading', { name: 'Overview' }).waitFor();
  for (const name of PAGES) {
    await open(p, name);
    if (name === 'requests') {
      // Open the request whose attempt failed with the hostile message, so its attempts render too.
      await p.locator('tbody tr').filter({ hasText: 'smart' }).first().getByRole('button').click();
      await p.getByText('bad model', { exact: false }).first().waitFor();
    }
    if (name === 'savings') {
      // The newest entry is the megabyte command's: its evidence must open and stay short.
      await p.getByRole('button', { name: /^Evidence for request/ }).first().click();
      const evidence = await p.locator('.evidence pre').first().textContent();
      assert.ok(evidence !== null && evidence.includes('npm install') && evidence.length < 10_000, `evidence of ${evidence?.length} characters`);
    }
    const state = await p.evaluate(() => ({
      pwned: (window as any).__pwned ?? null,
      violations: (window as any).__violations as string[],
      scriptLinks: Array.from(document.querySelectorAll('a[href], [src], form[action]')).map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '').filter((u) => /^\s*(javascript|data|vbscript):/i.test(u)),
      injected: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length,
      headings: document.querySelectorAll('h1').length,
    }));
    assert.deepEqual(state, { pwned: null, violations: [], scriptLinks: [], injected: 0, headings: 1 }, name);
  }
  assert.deepEqual(problems, []);
  await ctx.close();
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
});
