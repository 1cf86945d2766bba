// Every screen of the app checked with axe-core (no serious or critical violation) in a
// left-to-right and a right-to-left language, at a phone and a desktop size, with a screenshot of
// each in test-results/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { startPonte } from './server.mjs';
import { launch, seriousViolations, screenshot, viewports } from './browser.mjs';
import { enrolByApi, signIn } from './helpers.mjs';

let demo;
let strict;
let browser;
const results = [];

before(async () => {
  [demo, strict] = await Promise.all([startPonte(), startPonte({ demo: false })]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
  await strict?.stop();
  console.log(results.join('\n'));
});

// Each screen: the states that the shell (src/core/screens.examples.mjs) and each module
// (src/modules/<word>/screens.examples.mjs) declare, so that a new module's screens are checked
// without editing this test.
const src = new URL('../src/', import.meta.url);
const declarations = [
  new URL('core/screens.examples.mjs', src),
  ...readdirSync(new URL('modules/', src)).sort().map((word) => new URL(`modules/${word}/screens.examples.mjs`, src))
    .filter((file) => existsSync(file)),
];
const screens = (await Promise.all(declarations.map((file) => import(file)))).flatMap((declared) => declared.screens);
const done = new Map();
const helpers = () => ({
  demo, strict, signIn, enrolByApi,
  once: (key, run) => {
    if (!done.has(key)) done.set(key, run());
    return done.get(key);
  },
});

test('the modules declare their screens', () => {
  assert.ok(screens.length >= 15, `${screens.length} screens`);
  assert.equal(new Set(screens.map((screen) => screen.name)).size, screens.length, 'each name once');
});

for (const locale of ['en', 'ar']) {
  for (const [size, viewport] of Object.entries(viewports)) {
    test(`every screen in ${locale} at ${size} size has no serious accessibility violation`, async () => {
      const failures = [];
      for (const screen of screens) {
        // axe is injected as a script, which the server's Content-Security-Policy forbids.
        const context = await browser.newContext({ viewport, locale, bypassCSP: true });
        const page = await context.newPage();
        await screen.go(page, helpers());
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
