// Every example of every component (src/components/<Name>/<Name>.examples.tsx, the same ones its
// unit test draws) in a real browser, in English and in Arabic (right to left): no serious
// accessibility violation (axe-core), with a screenshot of each in test-results/screenshots/components/.
// The examples are served by Vite's development server from the sources (examples.html).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launch, seriousViolations, screenshot, viewports } from './browser.mjs';

let vite;
let url;
let browser;

before(async () => {
  vite = await createServer({
    root: fileURLToPath(new URL('..', import.meta.url)),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, proxy: {} },
  });
  await vite.listen();
  url = vite.resolvedUrls.local[0].replace(/\/$/, '');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await vite?.close();
});

async function open(context, query = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${url}/examples.html${query}`);
  await page.waitForFunction(() => window.ponteReady === true, null, { timeout: 30_000 });
  return { page, errors };
}

test('there are examples of the components', async () => {
  const context = await browser.newContext();
  const { page } = await open(context);
  const list = await page.evaluate(() => window.ponteExamples);
  assert.ok(list.length >= 10, `${list.length} examples`);
  assert.ok(list.some((e) => e.component === 'Shell'));
  await context.close();
});

for (const locale of ['en', 'ar']) {
  test(`every component example in ${locale} has no serious accessibility violation`, async () => {
    const context = await browser.newContext({ viewport: viewports.phone, locale });
    const listing = await open(context);
    const list = await listing.page.evaluate(() => window.ponteExamples);
    await listing.page.close();
    const failures = [];
    for (const { component, example } of list) {
      const { page, errors } = await open(context, `?component=${component}&example=${example}&lang=${locale}`);
      assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr');
      assert.ok((await page.locator('#app').textContent()).trim().length > 0, `${component} ${example} draws`);
      const violations = await seriousViolations(page);
      if (violations.length) failures.push(`${component} ${example}: ${violations.join('; ')}`);
      if (errors.length) failures.push(`${component} ${example}: ${errors.join('; ')}`);
      await screenshot(page, `components/${component}-${example}-${locale}`);
      await page.close();
    }
    assert.deepEqual(failures, []);
    await context.close();
  });
}
