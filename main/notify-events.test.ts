import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeElectron, FakeNotification } from '../test/desktop-fake-electron';
import type { GatewayEvent } from './admin-types';
import { notificationsForEvents, showEventNotifications } from './notify-events';

const event = (id: number, kind: GatewayEvent['kind'] = 'budget_threshold'): GatewayEvent => ({ id: String(id), kind, message: `event ${id}`, at: '2026-01-01T00:00:00Z' });

test('notificationsForEvents titles by kind and folds a burst into one', () => {
  assert.deepEqual(notificationsForEvents([event(1), event(2, 'breaker_open')]), [
    { title: 'Budget threshold crossed', body: 'event 1' },
    { title: 'Provider unavailable', body: 'event 2' },
  ]);
  assert.deepEqual(notificationsForEvents([1, 2, 3, 4, 5].map((i) => event(i))), [
    { title: 'Switchyard: 5 alerts', body: '• event 3\n• event 4\n• event 5\n…and 2 earlier' },
  ]);
  assert.deepEqual(notificationsForEvents([]), []);
  assert.deepEqual(notificationsForEvents([{ ...event(6), kind: 'price_unknown' }, { ...event(7), kind: 'budget_exceeded' }]), [
    { title: 'Budget spent', body: 'event 7' },
  ], 'kinds the tray does not announce stay in the dashboard');
});

test('showEventNotifications shows them, opens the dashboard on click, and respects unsupported systems', () => {
  const electron = createFakeElectron('/tmp');
  let clicks = 0;
  assert.equal(showEventNotifications(electron, [event(1, 'breaker_open')], () => clicks++), 1);
  assert.deepEqual(FakeNotification.shown.map((n) => [n.title, n.body]), [['Provider unavailable', 'event 1']]);
  FakeNotification.supported = false;
  assert.equal(showEventNotifications(electron, [event(2)], () => clicks++), 0);
  assert.equal(FakeNotification.shown.length, 1);
});
