// Directory: find help, the services of the territory (public: anyone may search, signed in or
// not), and each service's page with how to reach it and its opening hours.
import type { Module } from '../../core/module';
import { FindHelp } from './FindHelp';
import { ServicePage } from './ServicePage';

export default {
  word: 'directory',
  routes: [
    { path: '/find-help', screen: FindHelp, access: 'anyone' },
    { path: '/find-help/services/:id', screen: ServicePage, access: 'anyone' },
  ],
  nav: [{ href: '/find-help', icon: 'help', label: 'directory.nav', shows: () => true }],
} satisfies Module;
