// The cases screens in a real browser, as the demo case worker, in English and in Arabic: she
// finds a woman in her caseload, opens her case, moves it and sees the move on its timeline;
// a second tab that still shows the case as it was is told, in her language, that someone else
// changed it, and reloads it; she takes on a woman who came in, which opens her new case. Both
// screens pass axe-core in both languages, and the Arabic layout is mirrored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startPonte } from './server.mjs';
import { launch, seriousViolations, screenshot } from './browser.mjs';
import { openPage, signIn } from './helpers.mjs';
import { demoPassword } from './server.mjs';

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

const messages = (locale) =>
  JSON.parse(readFileSync(new URL(`../src/modules/cases/messages/${locale}.json`, import.meta.url), 'utf8'));

// A signed-in case worker on her caseload, in a context of her own (axe needs the CSP bypassed).
async function openCaseload(locale) {
  const { context, page, errors } = await openPage(browser, { locale, bypassCSP: true });
  await signIn(page, server.url, 'case_worker');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/caseload"]');
  await page.waitForSelector('.cases li');
  return { context, page, errors };
}

const names = (page) => page.locator('.case-card__name').allTextContents();
const state = (page) => page.locator('.case__facts .state').textContent().then((text) => text.trim());

async function search(page, text) {
  await page.fill('#field-q', text);
  await page.click('form[role=search] button[type=submit]');
}

async function openCase(page, name) {
  await page.click(`.case-card__name:text-is("${name}")`);
  await page.waitForSelector('#case-timeline li');
  assert.equal((await page.locator('h1').textContent()).trim(), name);
}

// Where an element starts along the reading direction, from the start of its container: near
// nothing in both directions when the layout is mirrored for right-to-left.
const offsetFromStart = (element, container) => Promise.all([element.boundingBox(), container.boundingBox()])
  .then(async ([inner, outer]) => (await element.evaluate((e) => getComputedStyle(e).direction)) === 'rtl'
    ? (outer.x + outer.width) - (inner.x + inner.width) : inner.x - outer.x);

// The account number of a demo account, as its owner's session tells it.
async function userIdOf(role) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `${role}@demo.ponte.example`, password: demoPassword }),
  });
  return (await login.json()).user.id;
}

// No serious accessibility violation, and nothing wider than the phone (no sideways scrolling).
async function noSeriousViolations(page, name) {
  assert.deepEqual(await seriousViolations(page), [], name);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name}: fits the width`);
  await screenshot(page, name);
}

test('in English: search, open, start her project, a stale tab is told, take on a walk-in', async () => {
  const words = messages('en');
  const { context, page, errors } = await openCaseload('en-GB');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  // The demo's referred case waits in the referral inbox, with no team yet: seven in her caseload.
  assert.ok((await names(page)).length >= 7, 'the demo caseload');
  await noSeriousViolations(page, 'cases-caseload-en-phone');
  assert.ok(await offsetFromStart(page.locator('.case-card__name').first(), page.locator('.case-card').first()) < 24);

  await page.selectOption('#field-state', 'suspended');
  await page.waitForFunction(() => [...document.querySelectorAll('.case-card__name')].map((a) => a.textContent).join() === 'Rosa (demo)');
  await page.selectOption('#field-state', '');
  await search(page, 'fatou');
  await page.waitForFunction(() => [...document.querySelectorAll('.case-card__name')].map((a) => a.textContent).join() === 'Fatou (demo)');
  assert.match(page.url(), /\/caseload\?q=fatou$/);
  await openCase(page, 'Fatou (demo)');
  assert.equal(await state(page), 'Intake');

  // A second tab on the same case, read before the move.
  const stale = await context.newPage();
  await stale.goto(page.url());
  await stale.waitForSelector('.moves button');

  await page.getByRole('button', { name: words['cases.move.start'] }).click();
  await page.waitForFunction(() => document.querySelector('.case__facts .state')?.textContent.trim() === 'Active');
  await page.locator('#case-timeline li', { hasText: 'moved the case from Intake to Active' }).waitFor();
  const moved = (await page.locator('#case-timeline li').last().textContent());
  assert.match(moved, /Demo case_worker/);
  assert.match(moved, /\d{1,2}:\d{2}/, 'when, to the minute');
  await page.locator('[role=status].confirmation', { hasText: 'Done: the case is now Active.' }).waitFor();
  await noSeriousViolations(page, 'cases-case-en-phone');

  await stale.bringToFront();  // she goes back to the other tab
  await stale.getByRole('button', { name: words['cases.move.start'] }).click();
  await stale.locator('.stale', { hasText: words['cases.stale.title'] }).waitFor();
  // The message takes the focus (once drawn, after the paint), so that a screen reader reads it.
  await stale.waitForFunction(() => document.activeElement?.matches('div.stale'));
  await screenshot(stale, 'cases-case-stale-en-phone');
  await stale.getByRole('button', { name: words['cases.stale.reload'] }).click();
  await stale.getByRole('button', { name: words['cases.move.suspend'] }).waitFor();
  assert.equal(await state(stale), 'Active');
  assert.equal(await stale.locator('#case-timeline li', { hasText: 'from Intake to Active' }).count(), 1, 'moved once');

  // Her coordinator joins the team and leaves it again; the timeline names her both times.
  await page.bringToFront();
  await page.click('summary#team-add-title');
  await page.fill('#field-user_id', String(await userIdOf('coordinator')));
  await page.click('form[aria-labelledby=team-add-title] button[type=submit]');
  await page.locator('.team li', { hasText: 'Demo coordinator' }).waitFor();
  await page.locator('#case-timeline li', { hasText: /^\u2068Demo case_worker\u2069 put \u2068Demo coordinator\u2069 on the team \(Member\)/ }).waitFor();
  await page.locator('.team li', { hasText: 'Demo coordinator' }).getByRole('button').click();
  await page.locator('#case-timeline li', { hasText: /^\u2068Demo case_worker\u2069 took \u2068Demo coordinator\u2069 off the team/ }).waitFor();
  assert.equal(await page.locator('.team li').count(), 1);

  // A woman who came in without a referral: her case opens, in intake, led by the case worker.
  await page.click('a.back');
  await page.click('summary#walk-in-title');
  await page.click('form[aria-labelledby=walk-in-title] button[type=submit]');
  await page.locator('#field-chosen_name-error', { hasText: words['cases.walk_in.name_missing'] }).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('.error-summary'));
  await noSeriousViolations(page, 'cases-walk-in-errors-en-phone');
  await page.fill('#field-chosen_name', 'Zahra (e2e)');
  await page.click('form[aria-labelledby=walk-in-title] button[type=submit]');
  await page.waitForURL(/\/cases\/\d+$/);
  await page.waitForSelector('#case-timeline li');
  assert.equal((await page.locator('h1').textContent()).trim(), 'Zahra (e2e)');
  assert.equal(await state(page), 'Intake');
  assert.match(await page.locator('#case-timeline li').first().textContent(), /Demo case_worker.*opened the case/);
  assert.match(await page.locator('.case__facts').textContent(), /LeadDemo case_worker/);
  await page.click('a.back');
  await search(page, 'zahra');
  await page.waitForFunction(() => [...document.querySelectorAll('.case-card__name')].map((a) => a.textContent).join() === 'Zahra (e2e)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('in Arabic, right to left: suspend with a reason, a stale tab is told in Arabic, mirrored layout', async () => {
  const words = messages('ar');
  const { context, page, errors } = await openCaseload('ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal((await page.locator('h1').textContent()).trim(), words['cases.nav']);
  await noSeriousViolations(page, 'cases-caseload-ar-phone');
  const card = page.locator('.case-card').first();
  assert.ok(await offsetFromStart(page.locator('.case-card__name').first(), card) < 24, 'her name starts on the right');
  const [nameBox, cardBox] = await Promise.all([page.locator('.case-card__name').first().boundingBox(), card.boundingBox()]);
  assert.ok(nameBox.x + nameBox.width > cardBox.x + cardBox.width / 2, 'her name is in the right half');

  await search(page, 'leila');
  await page.waitForFunction(() => [...document.querySelectorAll('.case-card__name')].map((a) => a.textContent).join() === 'Leila (demo)');
  await openCase(page, 'Leila (demo)');
  assert.equal(await state(page), words['cases.state.active']);
  const stale = await context.newPage();
  await stale.goto(page.url());
  await stale.waitForSelector('.moves button');

  await page.getByRole('button', { name: words['cases.move.suspend'] }).click();
  await page.click('form[aria-labelledby="move-form-title"] button[type=submit]');
  await page.locator('#field-reason-error', { hasText: words['cases.move.reason_missing'] }).waitFor();
  await noSeriousViolations(page, 'cases-case-errors-ar-phone');
  await page.fill('#field-reason', 'سافرت لمدة شهر');
  await page.click('form[aria-labelledby="move-form-title"] button[type=submit]');
  await page.waitForFunction((suspended) =>
    document.querySelector('.case__facts .state')?.textContent.trim() === suspended, words['cases.state.suspended']);
  const last = page.locator('#case-timeline li').last();
  assert.match(await last.textContent(), /سافرت لمدة شهر/);
  assert.match(await last.textContent(), new RegExp(`${words['cases.state.active']}.*${words['cases.state.suspended']}`));
  assert.match(await last.locator('time').textContent(), /[\u0600-\u06FF]/, 'the date in Arabic');
  await noSeriousViolations(page, 'cases-case-ar-phone');
  assert.ok(await offsetFromStart(page.locator('a.back'), page.locator('main section.case')) < 24, 'the way back on the right');

  // The other tab still shows her case as active and suspends it too, from the old version.
  await stale.getByRole('button', { name: words['cases.move.suspend'] }).click();
  await stale.fill('#field-reason', 'سبب آخر');
  await stale.click('form[aria-labelledby="move-form-title"] button[type=submit]');
  await stale.locator('.stale', { hasText: words['cases.stale.title'] }).waitFor();
  assert.match(await stale.locator('.stale').textContent(), new RegExp(words['cases.stale.text'].slice(0, 20)));
  await screenshot(stale, 'cases-case-stale-ar-phone');
  await stale.getByRole('button', { name: words['cases.stale.reload'] }).click();
  await stale.getByRole('button', { name: words['cases.move.resume'] }).waitFor();
  assert.equal(await stale.locator('#case-timeline li', { hasText: 'سبب آخر' }).count(), 0, 'the stale move was not made');
  assert.deepEqual(errors, []);
  await context.close();
});
