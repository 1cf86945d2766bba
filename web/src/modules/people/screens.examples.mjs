// The screens of the people module in the states the accessibility check visits (the form is
// described in src/core/screens.examples.mjs).
export const screens = [
  {
    name: 'people-with-invitation',
    route: '/people',
    go: async (page, { demo, signIn }) => {
      await signIn(page, demo.url, 'org_admin');
      await page.waitForSelector('.cards');
      await page.click('nav a[href="/people"]');
      await page.fill('#field-display_name', 'Nour');
      await page.click('form button[type=submit]');
    },
    ready: '.invitation img.qr',
  },
];
