// Joining another organization and getting a new access code, in a real browser: an admin makes a
// join code that a woman with an account accepts herself; a new code for someone who set her own
// passphrase needs a reason, and she reads at sign-in who gave it, when and why. Checked with
// axe-core in English and Arabic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPonte } from './server.mjs';
import { launch, screenshot, seriousViolations, viewports } from './browser.mjs';
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

// axe-core is injected as an inline script, which the server's Content-Security-Policy forbids.
const newPage = (options = {}) => openPage(browser, { bypassCSP: true, ...options });

async function openPeople(page, role) {
  await signIn(page, server.url, role);
  await page.waitForSelector('.cards');
  await page.goto(`${server.url}/people`);
  await page.waitForSelector('#field-join-role');
}

test('a trainer of another organization joins with the code the admin made, by herself', async () => {
  const admin = await newPage({ viewport: viewports.desktop });
  await openPeople(admin.page, 'org_admin');
  await admin.page.selectOption('#field-join-role', 'mentor');
  await admin.page.click('form:has(#field-join-role) button[type=submit]');
  await admin.page.waitForSelector('.invitation img.qr');
  assert.match(await admin.page.locator('#invitation-title').textContent(), /Join code: Mentor/);
  const code = (await admin.page.locator('.invitation .code').textContent()).trim();
  assert.deepEqual(await seriousViolations(admin.page), []);
  await screenshot(admin.page, 'people-join-code-en-desktop');

  // Signed out, the link says to sign in first and keeps the code for this tab.
  const her = await newPage();
  await her.page.goto(`${server.url}/join#${code}`);
  await her.page.waitForSelector('a.button[href="/login"]');
  assert.equal(new URL(her.page.url()).hash, '', 'the code leaves the address bar');
  await signIn(her.page, server.url, 'trainer');
  await her.page.waitForSelector('.cards');
  await her.page.goto(`${server.url}/join`);
  assert.equal(await her.page.inputValue('#field-code'), code);
  assert.deepEqual(await seriousViolations(her.page), []);
  await screenshot(her.page, 'join-en-phone');
  await her.page.click('button[type=submit]');
  await her.page.waitForSelector('.notice[role=status]');
  assert.match(await her.page.locator('.notice[role=status]').textContent(),
    /You are now Mentor at Empoli social services/);
  const roles = await her.page.evaluate(() =>
    fetch('/api/v1/auth/session').then((r) => r.json()).then((s) => s.user.memberships.map((m) => m.role).sort()));
  assert.deepEqual(roles, ['mentor', 'trainer']);

  // The same code again: refused, with the field named.
  await her.page.goto(`${server.url}/`);
  await her.page.goto(`${server.url}/join#${code}`);
  await her.page.click('button[type=submit]');
  await her.page.waitForSelector('#field-code-error');
  assert.match(await her.page.locator('#field-code-error').textContent(), /wrong, expired or already used/);
  assert.deepEqual(admin.errors, []);
  assert.deepEqual(her.errors, []);
  await admin.context.close();
  await her.context.close();
});

test('a new code for her account needs a reason, and she reads it when she signs in again', async () => {
  const admin = await newPage({ viewport: viewports.desktop });
  await openPeople(admin.page, 'org_admin');
  const row = admin.page.locator('.members tr', { hasText: 'Demo participant' });
  await row.locator('button', { hasText: 'New code' }).click();
  await admin.page.waitForSelector('#field-reason');
  await admin.page.click('form:has(#field-reason) button[type=submit]');
  await admin.page.waitForSelector('#field-reason-error');
  await admin.page.fill('#field-reason', 'She lost her phone');
  await admin.page.click('form:has(#field-reason) button[type=submit]');
  await admin.page.waitForSelector('.invitation img.qr');
  const code = (await admin.page.locator('.invitation .code').textContent()).trim();
  assert.equal(await admin.page.locator('#field-reason').count(), 0);

  for (const [locale, viewport, name] of [['en-GB', viewports.phone, 'en-phone'], ['ar', viewports.desktop, 'ar-desktop']]) {
    const her = await newPage({ locale, viewport });
    if (locale === 'en-GB') {
      await her.page.goto(`${server.url}/invite#${code}`);
      await her.page.fill('#field-password', 'a new passphrase of mine');
      await her.page.fill('#field-repeat', 'a new passphrase of mine');
      await her.page.click('button[type=submit]');
    } else {
      await her.page.goto(`${server.url}/login`);
      await her.page.fill('#field-email', 'participant@demo.ponte.example');
      await her.page.fill('#field-password', 'a new passphrase of mine');
      await her.page.click('button[type=submit]');
    }
    await her.page.waitForSelector('.access-resets');
    const text = await her.page.locator('.access-resets').textContent();
    assert.match(text, /Demo org_admin/);
    assert.match(text, /She lost her phone/);
    if (locale === 'ar') assert.equal(await her.page.getAttribute('html', 'dir'), 'rtl');
    assert.deepEqual(await seriousViolations(her.page), []);
    await screenshot(her.page, `access-reset-notice-${name}`);
    assert.deepEqual(her.errors, []);
    if (locale === 'en-GB') {
      await her.page.click('.access-resets button');
      assert.equal(await her.page.locator('.access-resets').count(), 0);
    }
    await her.context.close();
  }
  await admin.context.close();
});
