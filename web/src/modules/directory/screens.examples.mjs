// The screens of the directory in the states the accessibility check visits (the form is
// described in src/core/screens.examples.mjs): the search by anyone, not signed in, with a
// category and the services open now, and a service's page with its hours.
export const screens = [
  {
    name: 'find-help-legal',
    route: '/find-help',
    go: (page, { demo }) => page.goto(`${demo.url}/find-help?category=legal-documents`),
    ready: '.service-card',
  },
  {
    name: 'find-help-service',
    route: '/find-help/services/:id',
    go: async (page, { demo }) => {
      await page.goto(`${demo.url}/find-help?q=consultorio`);
      await page.click('.service-card__name a');
    },
    ready: 'table.hours',
  },
];
