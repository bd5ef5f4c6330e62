// Lets a page tell the shell that something it shows (sidebar spend, active profile) just changed,
// so the sidebar updates at once instead of at its next poll.
import { createContext, useContext } from 'react';

export interface ShellEvents {
  profileChanged: () => void;
}

export const ShellEventsContext = createContext<ShellEvents>({ profileChanged: () => undefined });

export function useShellEvents(): ShellEvents {
  return useContext(ShellEventsContext);
}
