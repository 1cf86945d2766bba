// What every screen may read: the server's description of itself (demo mode), the session, the
// network state, the navigation the modules declare, and the actions that change them.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Meta, Session } from './api/client';
import type { NavEntry } from './core/module';

export interface AppState {
  meta: Meta | null;
  session: Session | null;  // null: signed out
  online: boolean;
  nav: NavEntry[];  // every module's entries, in the order of the module list
  setSession: (session: Session | null) => void;
  changeLocale: (locale: string) => Promise<void>;
  signOut: () => Promise<void>;
}

export const State = createContext<AppState>(null as unknown as AppState);
export const useAppState = () => useContext(State);

// Staff work with other people's records; everyone else sees the participant's screens, with the
// quick exit.
export const isStaff = (session: Session | null) => session?.user.staff ?? false;
export const fullySignedIn = (session: Session | null) =>
  session !== null && (session.second_factor === 'not_required' || session.second_factor === 'verified');
