// Home: the first screen after signing in, and the sections whose modules are still to come, each
// saying plainly that there is nothing yet (the module that arrives takes over its address and its
// menu entry, as cases did with the caseload).
import type { Session } from '../../api/client';
import type { Module } from '../../core/module';
import { isStaff } from '../../state';
import { EmptySection, Home } from './Home';

const participant = (session: Session) => !isStaff(session);
const staff = (session: Session) => isStaff(session);

const sections = [
  { section: 'courses', href: '/courses', icon: 'courses', shows: participant },
  { section: 'tasks', href: '/tasks', icon: 'tasks', shows: staff },
];

export default {
  word: 'home',
  routes: [
    { path: '/', screen: Home, access: 'signed_in' },
    ...sections.map(({ section, href }) => (
      { path: href, screen: EmptySection, access: 'signed_in' as const, props: { section } })),
  ],
  nav: [
    { href: '/', icon: 'home', label: 'nav.home', shows: () => true },
    ...sections.map(({ section, href, icon, shows }) => ({ href, icon, label: `home.nav.${section}`, shows })),
  ],
} satisfies Module;
