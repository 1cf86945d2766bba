// Account: what a person does with her own account. Signing in (and its second step), a forgotten
// password, setting her passphrase with the invitation code staff gave her, joining another
// organization with a join code, and her account screen (passphrase, sessions, two-step sign-in).
import type { Module } from '../../core/module';
import { Account } from './Account';
import { Invite } from './Invite';
import { Join } from './Join';
import { Login } from './Login';
import { ResetPassword } from './ResetPassword';
import { SecondFactor } from './SecondFactor';

export default {
  word: 'account',
  routes: [
    { path: '/login', screen: Login, access: 'signed_out' },
    { path: '/sign-in/second-factor', screen: SecondFactor, access: 'signing_in' },
    { path: '/invite', screen: Invite, access: 'signed_out' },
    // Signed out, it says to sign in first and keeps the code for this tab.
    { path: '/join', screen: Join, access: 'anyone' },
    { path: '/reset-password', screen: ResetPassword, access: 'anyone' },
    { path: '/account', screen: Account, access: 'signed_in' },
  ],
  nav: [{ href: '/account', icon: 'user', label: 'account.nav', shows: () => true }],
} satisfies Module;
