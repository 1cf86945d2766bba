// Moving around the app in a real browser: what a person types survives the app redrawing around
// it (the network going and coming back, a change of language), and after each navigation the
// focus is on the new screen's heading, so that a screen reader starts reading there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPonte } from './server.mjs';
import { launch, screenshot, viewports } from './browser.mjs';
import { openPage, signIn } from './helpers.mjs';

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

test('what she typed stays while the app redraws: offline, online, another language, then a new address of the same screen', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: viewports.desktop });
  await signIn(page, server.url, 'org_admin');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/people"]');
  await page.waitForSelector('#field-display_name');
  await page.fill('#field-display_name', 'Fatima Zahra');
  await page.fill('#field-email', 'fatima@example.org');
  // The same field, not one drawn anew with the same text.
  await page.evaluate(() => { document.getElementById('field-display_name').dataset.typedHere = 'yes'; });
  const kept = async (when) => {
    assert.equal(await page.inputValue('#field-display_name'), 'Fatima Zahra', when);
    assert.equal(await page.inputValue('#field-email'), 'fatima@example.org', when);
    assert.equal(await page.getAttribute('#field-display_name', 'data-typed-here'), 'yes', `${when}: same field`);
  };

  await context.setOffline(true);
  await page.waitForSelector('.notice.offline');
  await kept('offline');
  await context.setOffline(false);
  await page.waitForSelector('.notice.offline', { state: 'detached' });
  await kept('back online');
  await page.selectOption('#language', 'ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await kept('in Arabic');
  await screenshot(page, 'people-typed-kept-ar-desktop');
  // The address of the same screen changes, as a list's next page or a filter will change it: the
  // router looks at its routes again, and finds the same screen.
  await page.evaluate(() => {
    history.pushState(null, '', '/people?page=2');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.waitForURL('**/people?page=2');
  await kept('after the address changed');
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  await kept('back in English');
  assert.deepEqual(errors, []);
  await context.close();
});

test('after a navigation the focus is on the heading of the new screen, not on the whole page', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${server.url}/login`);
  await page.waitForSelector('#field-email');
  await page.click('a[href="/reset-password"]');
  await page.waitForURL('**/reset-password');
  // The focus moves once the new screen has drawn, a moment after the address changed: wait for
  // it to reach a heading (at most 5 s), then say where it is.
  const focused = async () => {
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5_000 })
      .catch(() => {});
    return page.evaluate(() => {
      const element = document.activeElement;
      return { tag: element?.tagName, text: element?.textContent?.trim(), tabIndex: element?.getAttribute('tabindex') };
    });
  };
  assert.deepEqual(await focused(), { tag: 'H1', text: 'New password', tabIndex: '-1' });

  await signIn(page, server.url, 'participant');
  await page.waitForSelector('.cards');
  // By keyboard, where the browser draws the focus of what it reaches.
  await page.focus('.card[href="/courses"]');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/courses');
  assert.deepEqual(await focused(), { tag: 'H1', text: 'My courses', tabIndex: '-1' });
  // The heading is focused for the reader, not drawn as a control.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'none');
  await screenshot(page, 'courses-focused-heading-en-phone');
  assert.deepEqual(errors, []);
  await context.close();
});
