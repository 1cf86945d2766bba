// Every screen of the app checked with axe-core (no serious or critical violation) in a
// left-to-right and a right-to-left language, at a phone and a desktop size, with a screenshot of
// each in test-results/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPonte } from './server.mjs';
import { launch, seriousViolations, screenshot, viewports } from './browser.mjs';
import { enrolByApi, signIn } from './helpers.mjs';

let demo;
let strict;
let browser;
const results = [];

before(async () => {
  [demo, strict] = await Promise.all([startPonte(), startPonte({ demo: false })]);
  await enrolByApi(strict.url, 'coordinator');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
  await strict?.stop();
  console.log(results.join('\n'));
});

// Each screen: how to reach it in a fresh page, and a selector that shows it is there.
const screens = [
  { name: 'sign-in', go: (page) => page.goto(`${demo.url}/login`), ready: '#field-email' },
  {
    name: 'sign-in-errors',
    go: async (page) => {
      await page.goto(`${demo.url}/login`);
      await page.waitForSelector('#field-email');
      await page.click('button[type=submit]');
    },
    ready: '.error-summary',
  },
  { name: 'invitation', go: (page) => page.goto(`${demo.url}/invite#7KQ2-M9PX-4TRD-WH3N-8CVB`), ready: '#field-code' },
  { name: 'password-reset-request', go: (page) => page.goto(`${demo.url}/reset-password`), ready: '#field-email' },
  { name: 'password-reset-choose', go: (page) => page.goto(`${demo.url}/reset-password#abc`), ready: '#field-password' },
  { name: 'not-found', go: (page) => page.goto(`${demo.url}/no/such/page`), ready: 'main h1' },
  { name: 'participant-home', go: (page) => signIn(page, demo.url, 'participant'), ready: '.card[href="/plan"]' },
  {
    name: 'participant-plan',
    go: async (page) => {
      await signIn(page, demo.url, 'participant');
      await page.waitForSelector('.cards');
      await page.click('.card[href="/plan"]');
    },
    ready: 'main .lead',
  },
  { name: 'staff-home', go: (page) => signIn(page, demo.url, 'case_worker'), ready: '.card[href="/caseload"]' },
  {
    name: 'people-with-invitation',
    go: async (page) => {
      await signIn(page, demo.url, 'org_admin');
      await page.waitForSelector('.cards');
      await page.click('nav a[href="/people"]');
      await page.fill('#field-display_name', 'Nour');
      await page.click('form button[type=submit]');
    },
    ready: '.invitation img.qr',
  },
  {
    name: 'account',
    go: async (page) => {
      await signIn(page, demo.url, 'participant');
      await page.waitForSelector('.cards');
      await page.click('nav a[href="/account"]');
    },
    ready: '.session--current',
  },
  {
    name: 'account-errors',
    go: async (page) => {
      await signIn(page, demo.url, 'participant');
      await page.waitForSelector('.cards');
      await page.click('nav a[href="/account"]');
      await page.waitForSelector('.session--current');
      await page.click('#password-title ~ form button[type=submit]');
    },
    ready: '.error-summary',
  },
  {
    name: 'account-second-factor-qr',
    go: async (page) => {
      await signIn(page, demo.url, 'participant');
      await page.waitForSelector('.cards');
      await page.click('nav a[href="/account"]');
      await page.click('#second-factor-title ~ button.primary');
    },
    ready: 'img.qr',
  },
  {
    name: 'second-factor-setup',
    go: async (page) => {
      await signIn(page, strict.url, 'case_worker');
      await page.waitForURL('**/sign-in/second-factor');
    },
    ready: 'main button.primary',
  },
  {
    name: 'second-factor-qr',
    go: async (page) => {
      await signIn(page, strict.url, 'trainer');
      await page.waitForURL('**/sign-in/second-factor');
      await page.click('main button.primary');
    },
    ready: 'img.qr',
  },
  {
    name: 'second-factor-code',
    go: async (page) => {
      await signIn(page, strict.url, 'coordinator');
      await page.waitForURL('**/sign-in/second-factor');
    },
    ready: '#field-code',
  },
];

for (const locale of ['en', 'ar']) {
  for (const [size, viewport] of Object.entries(viewports)) {
    test(`every screen in ${locale} at ${size} size has no serious accessibility violation`, async () => {
      const failures = [];
      for (const screen of screens) {
        // axe is injected as a script, which the server's Content-Security-Policy forbids.
        const context = await browser.newContext({ viewport, locale, bypassCSP: true });
        const page = await context.newPage();
        await screen.go(page);
        await page.waitForSelector(screen.ready);
        assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr', screen.name);
        const violations = await seriousViolations(page);
        results.push(`axe ${locale} ${size} ${screen.name}: ${violations.length ? violations.join('; ') : 'none'}`);
        if (violations.length) failures.push(`${screen.name}: ${violations.join('; ')}`);
        await screenshot(page, `${screen.name}-${locale}-${size}`);
        await context.close();
      }
      assert.deepEqual(failures, []);
    });
  }
}
