// The screens of the account module in the states the accessibility check visits (the form is
// described in src/core/screens.examples.mjs).
async function openAccount(page, { demo, signIn }) {
  await signIn(page, demo.url, 'participant');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/account"]');
}

export const screens = [
  { name: 'sign-in', route: '/login', go: (page, { demo }) => page.goto(`${demo.url}/login`), ready: '#field-email' },
  {
    name: 'sign-in-errors',
    route: '/login',
    go: async (page, { demo }) => {
      await page.goto(`${demo.url}/login`);
      await page.waitForSelector('#field-email');
      await page.click('button[type=submit]');
    },
    ready: '.error-summary',
  },
  { name: 'invitation', route: '/invite', go: (page, { demo }) => page.goto(`${demo.url}/invite#7KQ2-M9PX-4TRD-WH3N-8CVB`),
    ready: '#field-code' },
  { name: 'password-reset-request', route: '/reset-password',
    go: (page, { demo }) => page.goto(`${demo.url}/reset-password`), ready: '#field-email' },
  { name: 'password-reset-choose', route: '/reset-password',
    go: (page, { demo }) => page.goto(`${demo.url}/reset-password#abc`), ready: '#field-password' },
  {
    name: 'join',
    route: '/join',
    go: async (page, { demo, signIn }) => {
      await signIn(page, demo.url, 'trainer');
      await page.waitForSelector('.cards');
      await page.goto(`${demo.url}/join`);
    },
    ready: '#field-code',
  },
  { name: 'account', route: '/account', go: openAccount, ready: '.session--current' },
  {
    name: 'account-errors',
    route: '/account',
    go: async (page, context) => {
      await openAccount(page, context);
      await page.waitForSelector('.session--current');
      await page.click('#password-title ~ form button[type=submit]');
    },
    ready: '.error-summary',
  },
  {
    name: 'account-second-factor-qr',
    route: '/account',
    go: async (page, context) => {
      await openAccount(page, context);
      await page.click('#second-factor-title ~ button.primary');
    },
    ready: 'img.qr',
  },
  {
    name: 'second-factor-setup',
    route: '/sign-in/second-factor',
    go: async (page, { strict, signIn }) => {
      await signIn(page, strict.url, 'case_worker');
      await page.waitForURL('**/sign-in/second-factor');
    },
    ready: 'main button.primary',
  },
  {
    name: 'second-factor-qr',
    route: '/sign-in/second-factor',
    go: async (page, { strict, signIn }) => {
      await signIn(page, strict.url, 'trainer');
      await page.waitForURL('**/sign-in/second-factor');
      await page.click('main button.primary');
    },
    ready: 'img.qr',
  },
  {
    name: 'second-factor-code',
    route: '/sign-in/second-factor',
    go: async (page, { strict, signIn, enrolByApi, once }) => {
      await once('coordinator has two-step sign-in', () => enrolByApi(strict.url, 'coordinator'));
      await signIn(page, strict.url, 'coordinator');
      await page.waitForURL('**/sign-in/second-factor');
    },
    ready: '#field-code',
  },
];
