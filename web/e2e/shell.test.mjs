// The app in a real browser against a real ponte: signing in, the second step for staff, the
// language switch to Arabic (right to left), the quick exit, the offline shell and the size of
// the first load.
import { test, before, after } from 'node:test';
import { createServer } from 'node:http';
import assert from 'node:assert/strict';
import { startPonte } from './server.mjs';
import { launch, screenshot, viewports } from './browser.mjs';
import { openPage, signIn, totp } from './helpers.mjs';

let server;
let strict;  // outside demo mode
let browser;
// The ordinary site the quick exit goes to, on loopback.
const neutral = createServer((request, response) => {
  response.setHeader('Content-Type', 'text/html');
  response.end('<!doctype html><title>Weather</title><h1>Weather</h1>');
});

before(async () => {
  await new Promise((done) => neutral.listen(0, '127.0.0.1', done));
  const quickExitUrl = `http://127.0.0.1:${neutral.address().port}/`;
  [server, strict] = await Promise.all([startPonte({ quickExitUrl }), startPonte({ demo: false })]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await strict?.stop();
  neutral.close();
});

// The server's Content-Security-Policy applies: nothing may be refused by it, and no script may
// fail.
const newPage = (options = {}) => openPage(browser, options);

test('a participant signs in, sees her home with its icons, and signs out', async () => {
  const { context, page, errors } = await newPage();
  const response = await page.goto(server.url + '/');
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  await page.waitForURL('**/login');
  assert.match(await page.locator('.notice.demo').textContent(), /demonstration/);

  // An empty form: the error summary takes the focus and links to each field.
  await page.click('button[type=submit]');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary');
  await page.click('.error-summary a[href="#field-email"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-email');
  assert.equal(await page.getAttribute('#field-email', 'aria-invalid'), 'true');

  await page.fill('#field-email', 'participant@demo.ponte.example');
  await page.fill('#field-password', 'not the password');
  await page.click('button[type=submit]');
  await page.waitForSelector('.error-summary:has-text("wrong")');

  await signIn(page, server.url, 'participant');
  await page.waitForSelector('.cards');
  assert.match(await page.locator('h1').textContent(), /Hello, Demo participant/);
  assert.equal(await page.locator('.cards .card').count(), 4);
  assert.equal(await page.locator('.cards .card svg.icon').count(), 4);
  assert.doesNotMatch(await page.title(), /participant/i, 'no personal data in the title');
  await screenshot(page, 'participant-home-en-phone');

  // Listen to this page, where the browser can speak.
  const speaks = await page.evaluate(() => 'speechSynthesis' in window);
  assert.equal(await page.locator('button:has-text("Listen")').count(), speaks ? 1 : 0);
  if (speaks) {
    await page.click('button:has-text("Listen")');
    assert.equal(await page.getAttribute('button[aria-pressed]', 'aria-pressed'), 'true');
    await page.click('button[aria-pressed="true"]');
  }

  await page.click('.card[href="/plan"]');
  await page.waitForURL('**/plan');
  // The new screen renders after the address changes: wait for its heading to take the focus.
  await page.waitForFunction(() => document.activeElement?.matches('main h1'), null, { timeout: 5000 })
    .catch(() => assert.fail('focus moves to the heading of the new screen'));
  // Content a module kept for offline use goes at sign-out.
  await page.evaluate(() => caches.open('ponte-content-lessons').then((c) => c.put('/offline-lesson', new Response('x'))));
  await page.click('button:has-text("Sign out")');
  await page.waitForURL('**/login');
  assert.deepEqual(await page.evaluate(() => caches.keys().then((k) => k.filter((n) => n.startsWith('ponte-content-')))), []);
  const session = await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.status));
  assert.equal(session, 401);
  assert.deepEqual(errors, []);
  await context.close();
});

test('outside demo mode, a case worker sets up two-step sign-in before reaching anything', async () => {
  const { context, page, errors } = await newPage({ viewport: viewports.desktop });
  await signIn(page, strict.url, 'case_worker');
  await page.waitForURL('**/sign-in/second-factor');
  assert.equal(await page.locator('.notice.demo').count(), 0, 'no demo notice outside demo mode');
  assert.equal(await page.locator('.button.exit').count(), 0, 'staff screens have no quick exit');
  await page.click('button:has-text("Set up the app")');
  await page.waitForSelector('img.qr');
  const secret = (await page.locator('code.secret').textContent()).trim();
  await screenshot(page, 'totp-enrolment-en-desktop');
  await page.fill('#field-code', '000000');
  await page.click('button[type=submit]');
  await page.waitForSelector('#field-code-error');
  await page.fill('#field-code', totp(secret));
  await page.click('button[type=submit]');
  await page.waitForSelector('ol.codes li');
  assert.equal(await page.locator('ol.codes li').count(), 10);
  await page.click('button:has-text("I have saved them")');
  await page.waitForSelector('.cards');
  // In the order of the module list: home's sections still to come (tasks), then the directory
  // (find help), then cases (caseload, referrals, teams), then people.
  assert.deepEqual(await page.locator('.cards .card span').allTextContents(),
    ['Tasks', 'Find help', 'Caseload', 'Referrals', 'Deadlines', 'Teams', 'People']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an organization admin adds a woman without email, who sets her passphrase with the code', async () => {
  const { context, page, errors } = await newPage({ viewport: viewports.desktop });
  await signIn(page, server.url, 'org_admin');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/people"]');
  await page.waitForSelector('#field-display_name');
  await page.fill('#field-display_name', 'Amina');
  await page.selectOption('#field-role', 'participant');
  await page.selectOption('#field-language', 'ar');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.invitation img.qr');
  const code = (await page.locator('.invitation .code').textContent()).trim();
  assert.match(code, /^([2-9A-Z]{4}-){4}[2-9A-Z]{4}$/);
  await page.waitForSelector('.members td:has-text("Amina")');
  await screenshot(page, 'people-invitation-en-desktop');

  // She opens the link of the QR code on her phone, in her language.
  const her = await newPage({ locale: 'en-GB' });
  await her.page.goto(`${server.url}/invite#${code}`);
  await her.page.waitForSelector('#field-code');
  assert.equal(await her.page.inputValue('#field-code'), code);
  await her.page.fill('#field-password', 'my garden by the sea');
  await her.page.fill('#field-repeat', 'my garden by the sea');
  await her.page.click('button[type=submit]');
  await her.page.waitForSelector('.cards');
  assert.equal(await her.page.getAttribute('html', 'dir'), 'rtl', 'the language staff chose for her');
  assert.equal(new URL(her.page.url()).hash, '', 'the code left the address bar');
  await her.context.close();

  // A new code for her, now that she has her own passphrase, asks why (she will be told).
  await page.click('.members tr:has-text("Amina") button:has-text("New code")');
  await page.fill('#field-reason', 'She forgot her passphrase');
  await page.click('form:has(#field-reason) button[type=submit]');
  await page.waitForFunction((old) => document.querySelector('.invitation .code')?.textContent.trim() !== old, code);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first visit follows the browser; switching to Arabic turns the page right to left and is kept', async () => {
  const { context, page } = await newPage({ locale: 'fr-FR' });
  await page.goto(server.url + '/login');
  await page.waitForSelector('h1');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.locator('h1').textContent(), ' Se connecter');

  await signIn(page, server.url, 'participant');
  await page.waitForSelector('.cards');
  await page.selectOption('#language', 'ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.match(await page.locator('h1').textContent(), /مرحباً/);
  // Dates in the language's own words (and Arabic month names).
  const weekday = new Intl.DateTimeFormat('ar', { weekday: 'long' }).format(new Date());
  assert.match(await page.locator('main').textContent(), new RegExp(weekday));
  // Mirrored: the brand sits on the right.
  const brand = await page.locator('.brand').boundingBox();
  assert.ok(brand.x > viewports.phone.width / 2, `brand at x=${brand.x}`);
  await screenshot(page, 'participant-home-ar-phone');

  // Kept for her account: another browser where she signs in gets Arabic.
  const other = await newPage({ locale: 'en-GB' });
  await signIn(other.page, server.url, 'participant');
  await other.page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await other.context.close();
  await context.close();
});

test('keyboard only: the skip link comes first and every control is reachable with a visible focus', async () => {
  const { context, page } = await newPage({ viewport: viewports.desktop });
  await page.goto(server.url + '/login');
  await page.waitForSelector('#field-email');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.keyboard.press('Enter');
  const reached = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      return { id: element.id || element.className || element.tagName, outline: style.outlineStyle };
    });
    if (focused.id === 'BODY') break;  // past the last control of the page
    reached.push(focused.id);
    assert.notEqual(focused.outline, 'none', `${focused.id} shows no focus`);
  }
  // From the skip link's target, Tab goes through the form in order.
  assert.deepEqual(reached.slice(0, 3), ['field-email', 'field-password', 'button primary']);
  await page.fill('#field-email', 'participant@demo.ponte.example');
  await page.fill('#field-password', 'ponte demo password');
  await page.focus('#field-password');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.cards');
  await context.close();
});

test('the quick exit leaves for a neutral site and Back does not return to Ponte', async () => {
  const { context, page } = await newPage();
  await page.goto('about:blank');
  await signIn(page, server.url, 'participant');
  await page.waitForSelector('.cards');
  await page.click('.card[href="/courses"]');
  await page.waitForURL('**/courses');
  await page.click('.button.exit');
  await page.waitForURL(`http://127.0.0.1:${neutral.address().port}/`);
  assert.equal(await page.title(), 'Weather');
  await page.goBack().catch(() => {});
  assert.doesNotMatch(page.url(), /127\.0\.0\.1/, `Back led to ${page.url()}`);
  await context.close();
});

test('the quick exit signs out: Back and the address again show the sign-in page, the old session is refused, nothing is kept', async () => {
  const { context, page } = await newPage();
  await signIn(page, server.url, 'participant');
  await page.waitForSelector('.cards');
  // A second entry of Ponte, opened while signed in: Back from the neutral site returns to the first.
  await page.goto(server.url + '/courses');
  await page.waitForSelector('main .lead');
  const cookie = (await context.cookies(server.url)).find((c) => c.name === 'ponte_session');
  assert.ok(cookie, 'signed in with a session cookie');
  // What a module may keep on the device for her.
  await page.evaluate(async () => {
    localStorage.setItem('ponte-kept', 'x');
    sessionStorage.setItem('ponte-kept', 'x');
    await (await caches.open('ponte-content-test')).put('/api/v1/lessons/1', new Response('{"title":"Lesson"}'));
    await new Promise((done, fail) => {
      const request = indexedDB.open('ponte-kept');
      request.onsuccess = () => done(request.result.close());
      request.onerror = () => fail(request.error);
    });
  });
  await page.click('.button.exit');
  await page.waitForURL(`http://127.0.0.1:${neutral.address().port}/`);
  assert.equal(await page.title(), 'Weather');

  // (c) The server refuses the old session. The sign-out is a keep-alive request that outlives
  // the page, so its answer may come after the page has left: ask the server until it refuses
  // the session (at most 10 s; it stays valid for 30 minutes if the request never came).
  const oldSession = () =>
    fetch(`${server.url}/api/v1/auth/session`, { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
  let old = await oldSession();
  for (const started = Date.now(); old.status === 200 && Date.now() - started < 10_000; old = await oldSession()) {
    await new Promise((next) => setTimeout(next, 50));
  }
  assert.equal(old.status, 401);
  // (a) Back lands on Ponte's sign-in page, not on her courses.
  await page.goBack();
  await page.waitForURL('**/login');
  await page.waitForSelector('#field-email');
  // (b) So does opening the app's address again.
  await page.goto(server.url + '/courses');
  await page.waitForURL('**/login');
  await page.waitForSelector('#field-email');
  const kept = await page.evaluate(async () => ({
    local: localStorage.getItem('ponte-kept'),
    session: sessionStorage.getItem('ponte-kept'),
    caches: (await caches.keys()).filter((name) => !name.startsWith('ponte-shell-')),
    databases: (await indexedDB.databases()).map((d) => d.name),
  }));
  assert.deepEqual(kept, { local: null, session: null, caches: [], databases: [] });
  await context.close();
});

test('the shell opens offline once visited, and says it is offline', async () => {
  const { context, page } = await newPage();
  await page.goto(server.url + '/login');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('h1');
  assert.equal(await page.locator('h1').textContent(), ' Sign in');
  await page.waitForSelector('.notice.offline');
  await screenshot(page, 'offline-en-phone');
  // Content a module marked for offline use is answered from its cache; other API calls fail.
  const answers = await page.evaluate(async () => {
    await (await caches.open('ponte-content-test')).put('/api/v1/lessons/1', new Response('{"title":"Lesson"}'));
    const lesson = await fetch('/api/v1/lessons/1').then((r) => r.text(), () => 'failed');
    const other = await fetch('/api/v1/meta').then((r) => r.text(), () => 'failed');
    return [lesson, other];
  });
  assert.deepEqual(answers, ['{"title":"Lesson"}', 'failed']);
  await context.setOffline(false);
  await context.close();
});

test('the first load of the sign-in page transfers under 200 KB', async () => {
  const { context, page } = await newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
  });
  await page.goto(server.url + '/login', { waitUntil: 'networkidle' });
  console.log(`first load of /login: ${(bytes / 1024).toFixed(1)} KB transferred`);
  assert.ok(bytes > 10 * 1024, 'measured something');
  assert.ok(bytes < 200 * 1024, `${bytes} bytes`);
  await context.close();
});
