import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeSession, FakeWebContents, preventable } from '../test/desktop-fake-electron';
import { dashboardCsp, dashboardWindowOptions, externalLinkTarget, guardWebContents, isAppUrl, lockDownSession } from './windows';

test('dashboard window options keep the renderer locked down', () => {
  const options = dashboardWindowOptions('/app/dist/main/preload.js');
  assert.deepEqual(
    {
      preload: options.webPreferences?.preload,
      contextIsolation: options.webPreferences?.contextIsolation,
      sandbox: options.webPreferences?.sandbox,
      nodeIntegration: options.webPreferences?.nodeIntegration,
      nodeIntegrationInWorker: options.webPreferences?.nodeIntegrationInWorker,
      nodeIntegrationInSubFrames: options.webPreferences?.nodeIntegrationInSubFrames,
      webSecurity: options.webPreferences?.webSecurity,
      allowRunningInsecureContent: options.webPreferences?.allowRunningInsecureContent,
      webviewTag: options.webPreferences?.webviewTag,
      experimentalFeatures: options.webPreferences?.experimentalFeatures,
      navigateOnDragDrop: options.webPreferences?.navigateOnDragDrop,
    },
    {
      preload: '/app/dist/main/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    },
  );
  assert.equal(options.show, false, 'shown on ready-to-show');
});

test('the CSP allows only the app itself', () => {
  const csp = dashboardCsp();
  for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self'"]) {
    assert.ok(csp.includes(directive), directive);
  }
  assert.ok(!/script-src[^;]*unsafe-(inline|eval)/.test(csp), 'no inline or eval scripts');
});

test('externalLinkTarget and isAppUrl', () => {
  const rows = [
    { input: 'https://docs.example.com/a?b=1#c', expected: 'https://docs.example.com/a?b=1#c' },
    { input: 'http://example.com', expected: 'http://example.com/' },
    { input: 'HTTPS://EXAMPLE.com/x', expected: 'https://example.com/x' },
    { input: 'file:///etc/passwd', expected: undefined },
    { input: 'javascript:alert(1)', expected: undefined },
    { input: 'smb://host/share', expected: undefined },
    { input: 'https://user:pw@example.com/', expected: undefined },
    { input: 'not a url', expected: undefined },
  ];
  for (const row of rows) assert.equal(externalLinkTarget(row.input), row.expected, row.input);
  assert.equal(isAppUrl('http://127.0.0.1:7420/#/requests', 'http://127.0.0.1:7420'), true);
  assert.equal(isAppUrl('http://127.0.0.1:7421/', 'http://127.0.0.1:7420'), false);
  assert.equal(isAppUrl('http://localhost:7420/', 'http://127.0.0.1:7420'), false);
  assert.equal(isAppUrl('::', 'http://127.0.0.1:7420'), false);
});

test('guardWebContents: window.open denied, outside navigation blocked, http(s) sent to the browser', () => {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  guardWebContents(contents, { appOrigin: 'http://127.0.0.1:7420', openExternal: (url) => opened.push(url) });

  assert.deepEqual(contents.openHandler!({ url: 'https://openai.com/pricing' }), { action: 'deny' });
  assert.deepEqual(contents.openHandler!({ url: 'file:///etc/passwd' }), { action: 'deny' });
  assert.deepEqual(contents.openHandler!({ url: 'http://127.0.0.1:7420/other' }), { action: 'deny' });

  const rows = [
    { url: 'http://127.0.0.1:7420/#/spend', prevented: false },
    { url: 'https://github.com/', prevented: true },
    { url: 'file:///tmp/x.html', prevented: true },
  ];
  for (const row of rows) {
    const event = preventable();
    contents.emit('will-navigate', event, row.url);
    assert.equal(event.defaultPrevented, row.prevented, row.url);
  }
  const redirect = preventable();
  contents.emit('will-redirect', redirect, 'https://evil.example/');
  assert.equal(redirect.defaultPrevented, true);
  const webview = preventable();
  contents.emit('will-attach-webview', webview);
  assert.equal(webview.defaultPrevented, true);
  assert.deepEqual(opened, ['https://openai.com/pricing', 'https://github.com/']);
});

test('lockDownSession adds the CSP to the app origin only and denies permissions', () => {
  const session = new FakeSession();
  lockDownSession(session, 'http://127.0.0.1:7420');
  const answers: Array<{ responseHeaders?: Record<string, string[]> }> = [];
  session.headerListener!({ url: 'http://127.0.0.1:7420/', responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["default-src 'none'"] } }, (r) => answers.push(r));
  session.headerListener!({ url: 'https://example.com/', responseHeaders: {} }, (r) => answers.push(r));
  assert.deepEqual(answers[0].responseHeaders!['content-security-policy'], ["default-src 'none'", dashboardCsp()], 'ours is added, theirs kept');
  assert.deepEqual(answers[1], {});
  let granted: boolean | undefined;
  session.permissionHandler!({}, 'media', (g) => (granted = g));
  assert.equal(granted, false);
});
