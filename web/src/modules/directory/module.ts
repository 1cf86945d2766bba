// Directory: find help, the services of the territory (public: anyone may search, signed in or
// not), and each service's page with how to reach it and its opening hours. Its screens load when
// first opened, so that the first screen of the app does not wait for them.
import { lazy } from 'preact-iso';
import type { Module } from '../../core/module';

const FindHelp = lazy(() => import('./FindHelp').then((loaded) => loaded.FindHelp));
const ServicePage = lazy(() => import('./ServicePage').then((loaded) => loaded.ServicePage));

export default {
  word: 'directory',
  routes: [
    { path: '/find-help', screen: FindHelp, access: 'anyone' },
    { path: '/find-help/services/:id', screen: ServicePage, access: 'anyone' },
  ],
  nav: [{ href: '/find-help', icon: 'help', label: 'directory.nav', shows: () => true }],
} satisfies Module;
