// Cases: the caseload of those who follow women (case workers, mentors, coordinators) and the
// case screen, where her team moves her case along, changes its team and reads its timeline. It
// takes over the caseload's address and menu entry that the home module held until it came.
import type { Session } from '../../api/client';
import type { Module } from '../../core/module';
import { CaseScreen } from './CaseScreen';
import { Caseload } from './Caseload';
import { followers } from './records';

const follows = (session: Session) => session.user.memberships.some((m) => followers.includes(m.role));

export default {
  word: 'cases',
  routes: [
    { path: '/caseload', screen: Caseload, access: 'signed_in' },
    { path: '/cases/:id', screen: CaseScreen, access: 'signed_in' },
  ],
  nav: [{ href: '/caseload', icon: 'people', label: 'cases.nav', shows: follows }],
} satisfies Module;
