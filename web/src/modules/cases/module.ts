// Cases: the caseload of those who follow women (case workers, mentors, coordinators) and the
// case screen, where her team moves her case along, changes its team, keeps her profile and her
// assessments and reads its timeline; and the referral inbox of those who take women on (case
// workers, coordinators); the multidisciplinary teams, their meetings, minutes and decisions; and
// her own view, her plan and her appointments. It takes over the addresses and menu entries that
// the home module held until it came (the caseload, her plan, her appointments).
import type { Session } from '../../api/client';
import { isStaff } from '../../state';
import type { Module } from '../../core/module';
import { CaseScreen } from './CaseScreen';
import { DeadlinesScreen } from './DeadlinesPanel';
import { Caseload } from './Caseload';
import { MeetingScreen } from './Meeting';
import { MyAppointmentsScreen, MyPlanScreen } from './MyView';
import { Referrals } from './Referrals';
import { TeamScreen, TeamsScreen } from './Teams';
import { actors, followers } from './records';

const follows = (session: Session) => session.user.memberships.some((m) => followers.includes(m.role));
// Those a multidisciplinary team takes its members from: the staff who follow women.
const staff = ['mentor', 'case_worker', 'trainer', 'coordinator'];
const meets = (session: Session) => session.user.memberships.some((m) => staff.includes(m.role));
// The woman herself: her own plan and appointments (the addresses the home module held until now).
const herself = (session: Session) => !isStaff(session);
const takesOn = (session: Session) => session.user.memberships.some((m) => actors.includes(m.role));

export default {
  word: 'cases',
  routes: [
    { path: '/caseload', screen: Caseload, access: 'signed_in' },
    { path: '/cases/:id', screen: CaseScreen, access: 'signed_in' },
    { path: '/referrals', screen: Referrals, access: 'signed_in' },
    { path: '/deadlines', screen: DeadlinesScreen, access: 'signed_in' },
    { path: '/teams', screen: TeamsScreen, access: 'signed_in' },
    { path: '/teams/:id', screen: TeamScreen, access: 'signed_in' },
    { path: '/meetings/:id', screen: MeetingScreen, access: 'signed_in' },
    { path: '/plan', screen: MyPlanScreen, access: 'signed_in' },
    { path: '/appointments', screen: MyAppointmentsScreen, access: 'signed_in' },
  ],
  nav: [
    { href: '/plan', icon: 'plan', label: 'cases.her.nav_plan', shows: herself },
    { href: '/appointments', icon: 'calendar', label: 'cases.her.nav_appointments', shows: herself },
    { href: '/caseload', icon: 'people', label: 'cases.nav', shows: follows },
    { href: '/referrals', icon: 'inbox', label: 'cases.referrals.nav', shows: takesOn },
    { href: '/deadlines', icon: 'tasks', label: 'cases.deadlines.nav', shows: follows },
    { href: '/teams', icon: 'calendar', label: 'cases.mdt.nav', shows: meets },
  ],
} satisfies Module;
