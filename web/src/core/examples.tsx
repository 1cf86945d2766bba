// Examples of a component: named states, each drawn inside the app's contexts (a language, the
// app state, a location), so that the component's unit test and the browser's accessibility check
// (examples.html, e2e/components.test.mjs) draw exactly the same thing. A component folder holds
// <Name>.examples.tsx exporting `examples`.
import type { ComponentChildren, VNode } from 'preact';
import { LocationProvider } from 'preact-iso';
import type { Session } from '../api/client';
import type { Translator } from '../i18n';
import { I18n } from '../i18n';
import { modules } from '../modules';
import { State, type AppState } from '../state';

export interface Example {
  name: string;                 // short, for file names: 'with-errors'
  state?: Partial<AppState>;    // what differs from a signed-out visitor online
  draw: () => VNode;
}

// A signed-in person of the demo organization with these roles (staff unless a participant).
export function exampleSession(roles: string[], name = 'Amina Haddad'): Session {
  return {
    csrf_token: 'example',
    access_resets: [],
    second_factor: 'not_required',
    user: {
      id: 7,
      display_name: name,
      locale: 'en',
      staff: roles.some((role) => !['participant', 'community_member', 'mentor'].includes(role)),
      memberships: roles.map((role, i) => ({ id: i + 1, role, organization_id: 1 })),
    },
  };
}

export const signedOut: AppState = {
  meta: { demo: false, quick_exit_url: 'https://www.wikipedia.org/' } as AppState['meta'],
  session: null,
  online: true,
  nav: modules.flatMap((module) => module.nav),
  setSession: () => {},
  changeLocale: async () => {},
  signOut: async () => {},
};

export function ExampleFrame({ translator, example, children }:
  { translator: Translator; example: Example; children?: ComponentChildren }) {
  return (
    <I18n.Provider value={translator}>
      <State.Provider value={{ ...signedOut, ...example.state }}>
        <LocationProvider>
          {children ?? example.draw()}
        </LocationProvider>
      </State.Provider>
    </I18n.Provider>
  );
}
