// The screens of the home module in the states the accessibility check visits (the form is
// described in src/core/screens.examples.mjs).
export const screens = [
  { name: 'participant-home', route: '/', go: (page, { demo, signIn }) => signIn(page, demo.url, 'participant'),
    ready: '.card[href="/plan"]' },
  { name: 'staff-home', route: '/', go: (page, { demo, signIn }) => signIn(page, demo.url, 'case_worker'),
    ready: '.card[href="/caseload"]' },
  {
    // A section whose module is still to come.
    name: 'participant-courses',
    route: '/courses',
    go: async (page, { demo, signIn }) => {
      await signIn(page, demo.url, 'participant');
      await page.waitForSelector('.cards');
      await page.click('.card[href="/courses"]');
    },
    ready: 'main .lead',
  },
];
