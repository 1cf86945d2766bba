// Find help in a real browser, on a phone, not signed in: a woman in Arabic lets her phone say
// where she is (in Empoli), asks for legal help in Arabic open now, and finds the demo's legal
// desk for foreigners, whose line answers day and night, nearest first; she opens it and reads
// its hours and how to call it, in Arabic, mirrored; offline, after a reload, she opens it again and
// is told when it was saved. In English the same search and a shelter,
// whose page gives no address. Every screen passes axe-core and fits the phone's width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkScreen, demoServerAndBrowser, openPage } from './helpers.mjs';

const running = demoServerAndBrowser();
const empoli = { latitude: 43.7190, longitude: 10.9460 };

const words = (locale) => ({
  ...JSON.parse(readFileSync(new URL(`../src/messages/${locale}.json`, import.meta.url), 'utf8')),
  ...JSON.parse(readFileSync(new URL(`../src/modules/directory/messages/${locale}.json`, import.meta.url), 'utf8')),
});

async function findLegalHelp(locale) {
  await running.ready;
  const said = words(locale);
  const { context, page, errors } = await openPage(running.browser, {
    locale, bypassCSP: true, geolocation: empoli, permissions: ['geolocation'],
  });
  await page.goto(`${running.server.url}/find-help`);
  await page.waitForSelector('.service-card');
  assert.equal((await page.locator('h1').textContent()).trim(), said['directory.title']);
  await page.click(`button:text-is("${said['directory.near_me']}")`);
  await page.waitForURL(/near=43\.71900(,|%2C)10\.94600/);
  await page.selectOption('#field-category', 'legal-documents');
  await page.waitForURL(/category=legal-documents/);
  await page.selectOption('#field-language', 'ar');
  await page.waitForURL(/language=ar/);
  await page.check('#field-open');
  await page.waitForURL(/open=1/);
  const first = page.locator('.service-card').first();
  await first.locator('h2:has-text("Sportello legale per stranieri (demo)")').waitFor();
  const facts = await first.locator('.service-card__facts').textContent();
  assert.ok(facts.includes(said['directory.open_now']), facts);
  assert.match(await first.textContent(), locale === 'ar' ? /العربية/ : /Arabic/);
  await checkScreen(page, `find-help-legal-${locale}-phone`);
  assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr');

  await first.locator('h2 a').click();
  await page.waitForSelector('.place');
  assert.equal((await page.locator('h1').textContent()).trim(), 'Sportello legale per stranieri (demo)');
  // Its line answers day and night: said once, not as a week of midnights.
  assert.ok((await page.locator('.place').textContent()).includes(said['directory.always_open']));
  assert.ok((await page.locator('.place').textContent()).includes(said['directory.open_now']));
  const call = page.locator('a[href^="tel:"]');
  assert.match(await call.getAttribute('href'), /^tel:\+390571555\d{4}$/);
  assert.ok((await page.locator('a.button', { hasText: said['directory.directions'] }).count()) === 1);
  await checkScreen(page, `find-help-service-${locale}-phone`);

  // Offline, after a reload: the page she saw, saying when it was saved. (The browser logs the
  // requests that could not go meanwhile, such as the session's.)
  assert.deepEqual(errors, []);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.locator('h1', { hasText: 'Sportello legale per stranieri (demo)' }).waitFor();
  await page.locator('.saved-note').waitFor();
  assert.ok((await page.locator('.place').textContent()).includes(said['directory.always_open']));
  await checkScreen(page, `find-help-service-offline-${locale}-phone`);
  await context.setOffline(false);
  assert.ok(errors.every((error) => /ERR_INTERNET_DISCONNECTED|ERR_FAILED/.test(error)), errors.join('\n'));
  errors.length = 0;

  await page.click(`a:has-text("${said['directory.back']}")`);
  await page.waitForURL(/category=legal-documents/);
  assert.deepEqual(errors, []);
  await context.close();
}

test('A woman in Arabic finds legal help in Arabic, open now, near her', () => findLegalHelp('ar'));
test('The same in English', () => findLegalHelp('en'));

test('A shelter is found and named, never placed', async () => {
  await running.ready;
  const said = words('en');
  const { context, page, errors } = await openPage(running.browser, { locale: 'en-GB', bypassCSP: true });
  await page.goto(`${running.server.url}/find-help?q=rifugio`);
  const shelter = page.locator('.service-card', { hasText: 'Casa rifugio Le Ginestre (demo)' });
  await shelter.waitFor();
  await shelter.locator('h2 a').click();
  await page.waitForSelector('.place');
  assert.ok((await page.locator('.place').textContent()).includes(said['directory.confidential_place']));
  assert.equal(await page.locator('.place address').count(), 0);
  assert.equal(await page.locator('a', { hasText: said['directory.directions'] }).count(), 0);
  assert.doesNotMatch(await page.content(), /Via dell'Esempio/);
  await checkScreen(page, 'find-help-shelter-en-phone');
  assert.deepEqual(errors, []);
  await context.close();
});
