// Cases: the caseload of those who follow women (case workers, mentors, coordinators) and the
// case screen, where her team moves her case along, changes its team, keeps her profile and her
// assessments and reads its timeline; and the referral inbox of those who take women on (case
// workers, coordinators). It takes over the caseload's address and menu entry that the home
// module held until it came.
import type { Session } from '../../api/client';
import type { Module } from '../../core/module';
import { CaseScreen } from './CaseScreen';
import { Caseload } from './Caseload';
import { Referrals } from './Referrals';
import { actors, followers } from './records';

const follows = (session: Session) => session.user.memberships.some((m) => followers.includes(m.role));
const takesOn = (session: Session) => session.user.memberships.some((m) => actors.includes(m.role));

export default {
  word: 'cases',
  routes: [
    { path: '/caseload', screen: Caseload, access: 'signed_in' },
    { path: '/cases/:id', screen: CaseScreen, access: 'signed_in' },
    { path: '/referrals', screen: Referrals, access: 'signed_in' },
  ],
  nav: [
    { href: '/caseload', icon: 'people', label: 'cases.nav', shows: follows },
    { href: '/referrals', icon: 'inbox', label: 'cases.referrals.nav', shows: takesOn },
  ],
} satisfies Module;
