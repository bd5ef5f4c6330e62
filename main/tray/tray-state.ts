// Everything the tray shows, gathered in one value so the menu and icon are pure functions of it.

import type { GatewaySummary, ProfileState } from '../admin-types';

export type GatewayStatus = 'starting' | 'running' | 'unreachable';

export interface TrayState {
  platform: NodeJS.Platform;
  gateway: GatewayStatus;
  /** Base URL clients use, e.g. http://127.0.0.1:4747/v1 */
  endpoint?: string;
  summary?: GatewaySummary;
  profile?: ProfileState;
  openAtLogin: boolean;
  clientKeyAvailable: boolean;
}

export type TrayIconState = 'normal' | 'near-budget' | 'over-budget' | 'paused' | 'provider-down';

/** A budget counts as "near" from this share of its limit. */
export const NEAR_BUDGET_SHARE = 0.8;
