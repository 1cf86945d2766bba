// The screens of the cases module in the states the accessibility check visits (the form is
// described in src/core/screens.examples.mjs). None of them changes a case: the check visits each
// one in several languages and sizes against the same demo server.
async function openCaseload(page, { demo, signIn }) {
  await signIn(page, demo.url, 'case_worker');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/caseload"]');
  await page.waitForSelector('.cases li');
}

async function openActiveCase(page, helpers) {
  await openCaseload(page, helpers);
  await page.click('.case-card__name:has-text("Leila (demo)")');
  await page.waitForSelector('.timeline li');
}

export const screens = [
  { name: 'caseload', route: '/caseload', go: openCaseload, ready: '.cases li' },
  { name: 'case', route: '/cases/:id', go: openActiveCase, ready: '.timeline li' },
  {
    name: 'case-close-errors',
    route: '/cases/:id',
    go: async (page, helpers) => {
      await openActiveCase(page, helpers);
      await page.click('.moves button:nth-child(2)');
      await page.click('form[aria-labelledby="move-form-title"] button[type=submit]');
    },
    ready: '#move-errors-title',
  },
];
