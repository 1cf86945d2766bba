// What a module of the web app declares, in its modules/<word>/module.ts: the screens it shows at
// which addresses (and who may open them), and its entries in the navigation. The app's router,
// the shell's menu and the home screen's cards read these declarations; the module's texts are in
// its messages/<lang>.json, merged with the core catalogue by i18n.ts.
import type { ComponentType } from 'preact';
import type { Session } from '../api/client';

// Who may open a screen: `signed_in` sends anyone else to sign in (or to the second factor still
// due); `signed_out` is for the steps of signing in, pointless once signed in; `signing_in` is the
// second factor of a session that still needs it; `anyone` is every visitor.
export type Access = 'anyone' | 'signed_out' | 'signing_in' | 'signed_in';

export interface ScreenRoute {
  path: string;                      // a preact-iso path pattern: '/people', '/cases/:id'
  screen: ComponentType<any>;
  access: Access;
  // Given to the screen, for a screen shown at several addresses; the screen reads the address's
  // parameters (':id') and query with preact-iso's useRoute().
  props?: Record<string, unknown>;
}

export interface NavEntry {
  href: string;
  icon: string;                             // a name of components/Icon
  label: string;                            // a message key
  shows: (session: Session) => boolean;     // for whom, once fully signed in
}

export interface Module {
  word: string;  // the module's folder, and the first part of its message keys: `<word>.…`
  routes: ScreenRoute[];
  nav: NavEntry[];
}
