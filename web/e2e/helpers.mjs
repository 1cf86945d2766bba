// What the browser tests share: signing in through the page or the API, opening a case, and TOTP
// codes for the second step.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { launch, screenshot, seriousViolations, viewports } from './browser.mjs';
import { demoPassword, startPonte } from './server.mjs';

// A demo server and a browser for a file's tests: started before the first, stopped after the
// last. The returned object holds them (`server`, `browser`) once started, and `ready`, which a
// file's own `before` awaits: it may start before this one has finished.
export function demoServerAndBrowser() {
  let settle;
  const running = { ready: new Promise((resolve, reject) => { settle = { resolve, reject }; }) };
  running.ready.catch(() => {});  // the hook below reports the failure
  before(async () => {
    try {
      running.server = await startPonte();
      running.browser = await launch();
      settle.resolve();
    } catch (error) {
      settle.reject(error);
      throw error;
    }
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

// The cases module's catalogue in `locale`, for the texts a test looks for.
export const caseMessages = (locale) =>
  JSON.parse(readFileSync(new URL(`../src/modules/cases/messages/${locale}.json`, import.meta.url), 'utf8'));

// What every screen a test reaches passes: no serious axe-core violation, nothing wider than the
// viewport; then its screenshot.
export async function checkScreen(page, name) {
  assert.deepEqual(await seriousViolations(page), [], name);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name}: fits the width`);
  await screenshot(page, name);
}

// A new browser context and page that collect the page's errors. The server's
// Content-Security-Policy applies unless `bypassCSP` (which axe-core's inline script needs).
// Answers 4xx that a test provokes are logged by the browser too; they are expected.
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: viewports.phone, locale: 'en-GB', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

export async function signIn(page, url, role) {
  await page.goto(`${url}/login`);
  await page.fill('#field-email', `${role}@demo.ponte.example`);
  await page.fill('#field-password', demoPassword);
  await page.click('button[type=submit]');
}

// The demo case worker's case of the woman named `name`, found by searching the caseload, once
// `ready` (a selector of the panel the test is about) is on the case screen.
export async function openCase(browser, url, { locale, name, ready }) {
  const { context, page, errors } = await openPage(browser, { locale, bypassCSP: true });
  await signIn(page, url, 'case_worker');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/caseload"]');
  await page.fill('#field-q', name.split(' ')[0].toLowerCase());
  await page.click('form[role=search] button[type=submit]');
  await page.click(`.case-card__name:text-is("${name}")`);
  await page.waitForSelector(ready);
  return { context, page, errors };
}

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

// RFC 6238 (HMAC-SHA1, 6 digits, 30 s), as an authenticator app computes it.
export function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

// A session through the API, as the app opens one: the headers its requests carry, and the
// session itself (the user and her memberships).
export async function signInByApi(url, email, password = demoPassword) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`signing in ${email} failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const session = await login.json();
  return { headers: { Cookie: cookie, 'X-CSRF-Token': session.csrf_token, 'Content-Type': 'application/json' },
    session };
}

// Sets up two-step sign-in for a demo account through the API (as the app would), so that a
// test can show the screen of the second step.
export async function enrolByApi(url, role) {
  const { headers } = await signInByApi(url, `${role}@demo.ponte.example`);
  const started = await fetch(`${url}/api/v1/auth/totp/enrolment`, { method: 'POST', headers });
  const { secret } = await started.json();
  const confirmed = await fetch(`${url}/api/v1/auth/totp/enrolment/confirm`, {
    method: 'POST', headers, body: JSON.stringify({ code: totp(secret) }),
  });
  if (confirmed.status !== 200) throw new Error(`enrolment of ${role} failed: ${confirmed.status}`);
  return secret;
}
