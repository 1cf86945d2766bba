// People: staff add the people of their organization and hand them a code, make join codes for
// people who already have an account, and (coordinators and admins) manage who holds which role.
import type { Session } from '../../api/client';
import type { Module } from '../../core/module';
import { isStaff } from '../../state';
import { People } from './People';

// The roles that may invite someone to their organization.
const invites = (session: Session) => isStaff(session) &&
  session.user.memberships.some((m) => m.role === 'case_worker' || m.role === 'coordinator' || m.role === 'org_admin');

export default {
  word: 'people',
  routes: [{ path: '/people', screen: People, access: 'signed_in' }],
  nav: [{ href: '/people', icon: 'key', label: 'people.nav', shows: invites }],
} satisfies Module;
