// fallback: the targets in the order the route lists them.

import type { Strategy } from './strategy';

export const orderFallback: Strategy = (targets) => [...targets];
