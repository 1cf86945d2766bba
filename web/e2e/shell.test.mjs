// The page ponte serves at / in a real browser, at a phone and a desktop size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPonte } from './server.mjs';
import { launch, seriousViolations, screenshot, viewports } from './browser.mjs';

let server;
let browser;

before(async () => {
  server = await startPonte();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const [name, viewport] of Object.entries(viewports)) {
  test(`home page at ${name} size loads, is accessible and links to the API`, async () => {
    // The server's Content-Security-Policy applies: the page must work under it.
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const blocked = [];
    page.on('console', (message) => {
      if (message.type() === 'error') blocked.push(message.text());
    });
    const response = await page.goto(server.url + '/');
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['x-content-type-options'], 'nosniff');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h1').textContent(), 'Ponte');
    assert.deepEqual(blocked, []);
    assert.equal(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontSize), '32px');
    await screenshot(page, `home-${name}`);

    // axe-core is injected as a script, which that policy forbids: check in a context without it.
    const audit = await browser.newContext({ viewport, bypassCSP: true });
    const auditPage = await audit.newPage();
    await auditPage.goto(server.url + '/');
    assert.deepEqual(await seriousViolations(auditPage), []);
    await audit.close();

    await page.click('a[href="/api/v1/openapi.json"]');
    const document = JSON.parse(await page.locator('body').textContent());
    assert.equal(document.openapi, '3.1.0');
    await context.close();
  });
}

test('an unknown address answers problem+json, never a crash', async () => {
  const page = await browser.newPage();
  const response = await page.goto(server.url + '/no/such/page');
  assert.equal(response.status(), 404);
  assert.equal(response.headers()['content-type'], 'application/problem+json');
  await page.close();
});
