// The screens of the cases module in the states the accessibility check visits (the form is
// described in src/core/screens.examples.mjs). None of them changes a case: the check visits each
// one in several languages and sizes against the same demo server.
async function openCaseload(page, { demo, signIn }, role = 'case_worker') {
  await signIn(page, demo.url, role);
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/caseload"]');
  await page.waitForSelector('.cases li');
}

async function openActiveCase(page, helpers) {
  await openCaseload(page, helpers);
  await page.click('.case-card__name:has-text("Leila (demo)")');
  await page.waitForSelector('#case-timeline li');
  // Her profile's parts and her assessments come after the case.
  await page.waitForSelector('#safe-contact-title');
  await page.waitForSelector('#profile-title');
  await page.waitForSelector('#sensitive-title');
  // Its notes and documents, as read (none, on the demo case).
  await page.waitForSelector('#notes-none, .notes__list');
  await page.waitForSelector('#documents-none, .documents__list');
}

async function openReferrals(page, { demo, signIn }) {
  await signIn(page, demo.url, 'case_worker');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/referrals"]');
  await page.waitForSelector('.referral-card');
}

// The demo's multidisciplinary team, as its case worker sees it.
async function openTeam(page, { demo, signIn }) {
  await signIn(page, demo.url, 'case_worker');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/teams"]');
  await page.click('.teams .card a');
  await page.waitForSelector('#mdt-members-title');
}

// Her own view, as the demo participant (linked to Leila's demo case) reads it.
async function openHerView(page, { demo, signIn }, href) {
  await signIn(page, demo.url, 'participant');
  await page.waitForSelector('.cards');
  await page.click(`.card[href="${href}"]`);
}

export const screens = [
  { name: 'her-plan', route: '/plan', go: (page, helpers) => openHerView(page, helpers, '/plan'), ready: '.her__goal' },
  {
    // "I need help" opens the few words she may send her team.
    name: 'her-plan-help',
    route: '/plan',
    go: async (page, helpers) => {
      await openHerView(page, helpers, '/plan');
      await page.click('.her__buttons button:nth-child(2)');
    },
    ready: '.her__help textarea',
  },
  {
    name: 'her-appointments',
    route: '/appointments',
    go: (page, helpers) => openHerView(page, helpers, '/appointments'),
    ready: '.her__appointments .card',
  },
  { name: 'caseload', route: '/caseload', go: openCaseload, ready: '.cases li' },
  { name: 'case', route: '/cases/:id', go: openActiveCase, ready: '.progress-chart svg[role=img]' },
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
  {
    // A coordinator reads a referred case before it is answered: who referred her, and why.
    name: 'case-referred',
    route: '/cases/:id',
    go: async (page, helpers) => {
      await openCaseload(page, helpers, 'coordinator');
      await page.click('.case-card__name:has-text("Amina (demo)")');
      await page.waitForSelector('.moves button');
    },
    ready: '.referral__facts',
  },
  {
    // By phone with no number: the server names the missing field, and nothing is saved.
    name: 'case-safe-contact-errors',
    route: '/cases/:id',
    go: async (page, helpers) => {
      await openActiveCase(page, helpers);
      await page.check('#channel-phone_call');
      await page.click('form[aria-labelledby="safe-contact-title"] button[type=submit]');
    },
    ready: '#safe-contact-errors-title',
  },
  {
    name: 'case-assessment-errors',
    route: '/cases/:id',
    go: async (page, helpers) => {
      await openActiveCase(page, helpers);
      await page.click('summary#assessment-add-title');
      await page.click('form[aria-labelledby="assessment-add-title"] button[type=submit]');
    },
    ready: '#assessment-errors-title',
  },
  {
    // A goal with no statement is named before anything is sent, and nothing is saved.
    name: 'case-plan-errors',
    route: '/cases/:id',
    go: async (page, helpers) => {
      await openActiveCase(page, helpers);
      await page.waitForSelector('#plan-title');
      await page.click('summary#plan-show');
      await page.click('form[aria-labelledby="plan-title"] .part__fields > p > button');
      await page.click('form[aria-labelledby="plan-title"] button[type=submit]');
    },
    ready: '#plan-errors-title',
  },
  {
    // A note with no words is named before anything is sent, and nothing is saved.
    name: 'case-note-errors',
    route: '/cases/:id',
    go: async (page, helpers) => {
      await openActiveCase(page, helpers);
      await page.click('summary#note-add-title');
      await page.click('form[aria-labelledby="note-add-title"] button[type=submit]');
    },
    ready: '#note-errors-title',
  },
  {
    // An upload with no file chosen is named before anything is sent, and nothing is kept.
    name: 'case-document-errors',
    route: '/cases/:id',
    go: async (page, helpers) => {
      await openActiveCase(page, helpers);
      await page.click('summary#document-add-title');
      await page.click('form[aria-labelledby="document-add-title"] button[type=submit]');
    },
    ready: '#document-errors-title',
  },
  { name: 'referrals', route: '/referrals', go: openReferrals, ready: '.referral-card .answer button' },
  {
    // The organization's open deadlines, the one past its day first.
    name: 'deadlines',
    route: '/deadlines',
    go: async (page, { demo, signIn }) => {
      await signIn(page, demo.url, 'case_worker');
      await page.waitForSelector('.cards');
      await page.click('nav a[href="/deadlines"]');
    },
    ready: '.deadlines__list li',
  },
  {
    name: 'referrals-decline-errors',
    route: '/referrals',
    go: async (page, helpers) => {
      await openReferrals(page, helpers);
      await page.click('.referral-card .answer .actions button:nth-child(2)');
      await page.click('.referral-card form button[type=submit]');
    },
    ready: '.referral-card .error-summary',
  },
  {
    name: 'referrals-sent',
    route: '/referrals',
    go: async (page, helpers) => {
      await openReferrals(page, helpers);
      await page.click('.tabs a[href="/referrals?box=sent"]');
      await page.waitForSelector('.tabs a[href="/referrals?box=sent"][aria-current=page]');
    },
    ready: '.referral-card .referral__facts--sent',
  },
  {
    name: 'teams',
    route: '/teams',
    go: async (page, { demo, signIn }) => {
      await signIn(page, demo.url, 'case_worker');
      await page.waitForSelector('.cards');
      await page.click('nav a[href="/teams"]');
    },
    ready: '.teams .card a',
  },
  { name: 'team', route: '/teams/:id', go: openTeam, ready: 'section[aria-labelledby="mdt-meetings-title"] li a' },
  {
    // The demo meeting: its agenda of shared cases, the minutes of the first, a decision's form.
    name: 'meeting',
    route: '/meetings/:id',
    go: async (page, helpers) => {
      await openTeam(page, helpers);
      await page.click('section[aria-labelledby="mdt-meetings-title"] li a');
      await page.waitForSelector('section.meeting h2');
      await page.click('section.meeting details summary');
    },
    ready: 'section.meeting form.narrow',
  },
];
