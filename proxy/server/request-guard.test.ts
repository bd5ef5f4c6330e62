import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { checkRequest } from './request-guard';

const loopback = { loopbackOnly: true, allowedOrigins: ['http://localhost:5173'], allowedHosts: [] };
const team = { loopbackOnly: false, allowedOrigins: [], allowedHosts: ['gateway.example.com'] };
const req = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as IncomingMessage;

const rows = [
  { name: 'plain SDK call', options: loopback, req: req('POST', { host: '127.0.0.1:7420', 'content-type': 'application/json' }), expected: undefined },
  { name: 'localhost host name', options: loopback, req: req('GET', { host: 'localhost:7420' }), expected: undefined },
  { name: 'IPv6 loopback', options: loopback, req: req('GET', { host: '[::1]:7420' }), expected: undefined },
  { name: 'DNS rebinding host', options: loopback, req: req('GET', { host: 'evil.example:7420' }), expected: 421 },
  { name: 'same-origin dashboard', options: loopback, req: req('PUT', { host: '127.0.0.1:7420', origin: 'http://127.0.0.1:7420', 'content-type': 'application/json' }), expected: undefined },
  { name: 'foreign origin', options: loopback, req: req('POST', { host: '127.0.0.1:7420', origin: 'https://evil.example', 'content-type': 'application/json' }), expected: 403 },
  { name: 'allow-listed origin', options: loopback, req: req('POST', { host: '127.0.0.1:7420', origin: 'http://localhost:5173', 'content-type': 'application/json' }), expected: undefined },
  { name: 'text/plain post (CSRF shape)', options: loopback, req: req('POST', { host: '127.0.0.1:7420', 'content-type': 'text/plain' }), expected: 415 },
  { name: 'form post', options: loopback, req: req('POST', { host: '127.0.0.1:7420', 'content-type': 'application/x-www-form-urlencoded' }), expected: 415 },
  { name: 'json with charset', options: loopback, req: req('POST', { host: '127.0.0.1:7420', 'content-type': 'application/json; charset=utf-8' }), expected: undefined },
  { name: 'team server: listed host', options: team, req: req('GET', { host: 'gateway.example.com' }), expected: undefined },
  { name: 'team server: other host', options: team, req: req('GET', { host: 'other.example.com' }), expected: 421 },
  { name: 'allowedHosts listed in another case', options: { ...loopback, allowedHosts: ['MyBox.Local'] }, req: req('GET', { host: 'mybox.local:7420' }), expected: undefined },
  { name: 'Host header and allowedHosts both in capitals', options: { ...team, allowedHosts: ['Gateway.Example.com'] }, req: req('GET', { host: 'GATEWAY.example.com' }), expected: undefined },
  { name: 'allowedOrigins listed in another case', options: { ...loopback, allowedOrigins: ['http://LocalHost:5173'] }, req: req('POST', { host: '127.0.0.1:7420', origin: 'http://localhost:5173', 'content-type': 'application/json' }), expected: undefined },
];

for (const row of rows) {
  test(`checkRequest: ${row.name}`, () => assert.equal(checkRequest(row.req, row.options)?.status, row.expected));
}
