// Desktop notifications for the gateway events worth interrupting someone for: a budget threshold
// crossed or a budget spent, a provider's circuit opened. Other kinds (e.g. price_unknown) stay in
// the dashboard. A burst is folded into one notification.

import type { GatewayEvent } from './admin-types';
import type { ElectronApi } from './electron-api';

export interface NotificationContent {
  title: string;
  body: string;
}

const TITLES: Record<string, string> = {
  budget_threshold: 'Budget threshold crossed',
  budget_exceeded: 'Budget spent',
  breaker_open: 'Provider unavailable',
};

const MAX_SEPARATE = 3;

export function notificationsForEvents(all: GatewayEvent[]): NotificationContent[] {
  const events = all.filter((event) => Object.hasOwn(TITLES, event.kind));
  if (events.length <= MAX_SEPARATE) return events.map((event) => ({ title: TITLES[event.kind], body: event.message }));
  const latest = events.slice(-MAX_SEPARATE).map((event) => `• ${event.message}`);
  return [{ title: `Switchyard: ${events.length} alerts`, body: [...latest, `…and ${events.length - MAX_SEPARATE} earlier`].join('\n') }];
}

export function showEventNotifications(
  electron: Pick<ElectronApi, 'Notification'>,
  events: GatewayEvent[],
  onClick: () => void,
): number {
  if (!electron.Notification.isSupported()) return 0;
  const contents = notificationsForEvents(events);
  for (const content of contents) {
    const notification = new electron.Notification({ title: content.title, body: content.body, silent: false });
    notification.on('click', onClick);
    notification.show();
  }
  return contents.length;
}
