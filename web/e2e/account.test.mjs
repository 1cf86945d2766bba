// Her own account in a real browser against a real ponte: changing the password (a wrong current
// one first), which signs out her other devices; the list of her sessions, ending one and all
// others; and setting up two-step sign-in as a participant.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoPassword, startPonte } from './server.mjs';
import { launch, screenshot, viewports } from './browser.mjs';
import { totp } from './helpers.mjs';

const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) '
  + 'Version/17.5 Mobile/15E148 Safari/604.1';
const newPassword = 'rivers under the old bridge';
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

// A signed-in browser of the demo participant, as another device would be.
async function device({ userAgent, password = demoPassword, viewport = viewports.phone } = {}) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', ...(userAgent ? { userAgent } : {}) });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('#field-email', 'participant@demo.ponte.example');
  await page.fill('#field-password', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('.cards');
  return { context, page };
}

// The status of GET /api/v1/auth/session from that device's browser.
const sessionStatus = (page) => page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status));

async function openAccount(page) {
  await page.click('nav a[href="/account"]');
  await page.waitForURL('**/account');
  await page.waitForSelector('.session--current');
}

test('she changes her password, which signs out her other devices, and ends other sessions one by one or all at once', async () => {
  const phone = await device({ userAgent: iphone });
  const computer = await device({ viewport: viewports.desktop });
  await openAccount(computer.page);
  assert.equal(await computer.page.locator('.session').count(), 2);
  assert.match(await computer.page.locator('.session:not(.session--current) .session__device').textContent(),
    /Phone · iOS · Safari/);
  assert.match(await computer.page.locator('.session--current').textContent(), /this device/);
  await screenshot(computer.page, 'account-sessions-en-desktop');

  // A wrong current password: the error summary takes the focus and names the field.
  await computer.page.fill('#field-current_password', 'not my password');
  await computer.page.fill('#field-new_password', newPassword);
  await computer.page.click('#password-title ~ form button[type=submit]');
  await computer.page.waitForSelector('.error-summary');
  assert.equal(await computer.page.evaluate(() => document.activeElement?.className), 'error-summary');
  assert.match(await computer.page.locator('.error-summary').textContent(), /Current password: The current password is wrong/);
  await computer.page.click('.error-summary a[href="#field-current_password"]');
  assert.equal(await computer.page.evaluate(() => document.activeElement?.id), 'field-current_password');
  assert.equal(await sessionStatus(phone.page), 200, 'a failed attempt changes nothing');

  await computer.page.fill('#field-current_password', demoPassword);
  await computer.page.click('#password-title ~ form button[type=submit]');
  await computer.page.waitForSelector('.confirmation:has-text("Your password is changed")');
  assert.equal(await computer.page.locator('.error-summary').count(), 0);
  assert.equal(await sessionStatus(phone.page), 401, 'the phone is signed out');
  assert.equal(await sessionStatus(computer.page), 200, 'this device goes on');
  await computer.page.waitForFunction(() => document.querySelectorAll('.session').length === 1);
  await phone.page.reload();
  await phone.page.waitForURL('**/login');
  await phone.context.close();

  // Two more devices, with the new password; she ends one, then all others.
  const tablet = await device({ password: newPassword });
  const laptop = await device({ password: newPassword });
  const third = await device({ password: newPassword });
  await computer.page.reload();
  await computer.page.waitForFunction(() => document.querySelectorAll('.session').length === 4);
  // The most recently used first: the third device's session is the first of the others.
  await computer.page.locator('.session:not(.session--current) button').first().click();
  await computer.page.waitForSelector('.confirmation:has-text("That session is ended.")');
  assert.equal(await sessionStatus(third.page), 401);
  assert.equal(await sessionStatus(tablet.page), 200);
  await computer.page.waitForFunction(() => document.querySelectorAll('.session').length === 3);
  await computer.page.click('button:has-text("End all others")');
  await computer.page.waitForSelector('.confirmation:has-text("2 other sessions are ended.")');
  assert.equal(await sessionStatus(tablet.page), 401);
  assert.equal(await sessionStatus(laptop.page), 401);
  assert.equal(await sessionStatus(computer.page), 200);
  await computer.page.waitForSelector('text=You are signed in on this device only.');
  for (const other of [tablet, laptop, third, computer]) await other.context.close();
});

test('a participant sets up two-step sign-in from her account, and then needs it to sign in', async () => {
  const { context, page } = await device({ password: newPassword });
  await openAccount(page);
  await page.click('button:has-text("Set it up")');
  await page.waitForSelector('img.qr');
  const secret = (await page.locator('code.secret').textContent()).trim();
  await page.fill('#field-code', totp(secret));
  await page.click('#second-factor-title ~ form button[type=submit]');
  await page.waitForSelector('#field-factor_password-error');  // her password first
  await page.fill('#field-factor_password', newPassword);
  await page.click('#second-factor-title ~ form button[type=submit]');
  await page.waitForSelector('ol.codes li');
  assert.equal(await page.locator('ol.codes li').count(), 10);
  await page.click('button:has-text("I have saved them")');
  await page.waitForSelector('text=Two-step sign-in is on');
  assert.equal(await sessionStatus(page), 200, 'the raised session goes on');
  // With its new CSRF token: a change is answered on its merits, not refused.
  await page.fill('#field-current_password', 'not my password');
  await page.fill('#field-new_password', 'another long passphrase');
  await page.click('#password-title ~ form button[type=submit]');
  await page.waitForSelector('.error-summary:has-text("The current password is wrong")');
  await context.close();

  const again = await browser.newContext({ viewport: viewports.phone, locale: 'en-GB' });
  const next = await again.newPage();
  await next.goto(`${server.url}/login`);
  await next.fill('#field-email', 'participant@demo.ponte.example');
  await next.fill('#field-password', newPassword);
  await next.click('button[type=submit]');
  await next.waitForURL('**/sign-in/second-factor');
  await again.close();
});
