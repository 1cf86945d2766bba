// The referral inbox and her profile in a real browser, as the demo case worker, in English and
// in Arabic (each against a fresh demo server, whose inbox holds one referral recorded by phone):
// she opens the inbox, finds who referred Amina and why, is told that a decline needs a reason,
// accepts the referral and lands on her case in intake; she records how Amina may be contacted
// (told until then that nobody contacts her, and told at its field when the hours run backwards)
// and an assessment in three domains, which the chart then draws. Every screen passes axe-core
// and fits a phone's width; the Arabic layout is mirrored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startPonte } from './server.mjs';
import { launch, seriousViolations, screenshot } from './browser.mjs';
import { openPage, signIn } from './helpers.mjs';

let browser;
const servers = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.stop()));
});

const messages = (locale) => ({
  ...JSON.parse(readFileSync(new URL(`../src/messages/${locale}.json`, import.meta.url), 'utf8')),
  ...JSON.parse(readFileSync(new URL(`../src/modules/cases/messages/${locale}.json`, import.meta.url), 'utf8')),
});

async function noSeriousViolations(page, name) {
  assert.deepEqual(await seriousViolations(page), [], name);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name}: fits the width`);
  await screenshot(page, name);
}

// The inbox, the answer, safe-contact rules and an assessment, in one language.
async function takeOnAmina(locale, lang) {
  const words = messages(lang);
  const server = await startPonte();
  servers.push(server);
  const { context, page, errors } = await openPage(browser, { locale, bypassCSP: true });
  await signIn(page, server.url, 'case_worker');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/referrals"]');
  const card = page.locator('.referral-card', { hasText: 'Amina (demo)' });
  await card.waitFor();
  assert.equal((await page.locator('h1').textContent()).trim(), words['cases.referrals.title']);
  const facts = await card.locator('.referral__facts').textContent();
  assert.match(facts, /Giulia Bianchi \(demo\)/);
  assert.match(facts, /Family health centre \(demo\)/);
  assert.match(facts, /\+39 0571 000000/);
  assert.match(facts, /Looking for work and an Italian course/);
  assert.ok(facts.includes(words['cases.urgency.soon']), 'its urgency');
  assert.ok(facts.includes(words['cases.consent.verbal']), 'how she consented');
  await noSeriousViolations(page, `referrals-inbox-${lang}-phone`);
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
  // Her name starts where the reading does: on the right in Arabic.
  const [name, box] = await Promise.all([card.locator('h2 bdi').first().boundingBox(), card.boundingBox()]);
  const fromStart = lang === 'ar' ? (box.x + box.width) - (name.x + name.width) : name.x - box.x;
  assert.ok(fromStart < 24, `her name at the start (${fromStart})`);

  // Declining asks why, at its field.
  await card.getByRole('button', { name: words['cases.answer.decline'], exact: true }).click();
  await card.locator('form button[type=submit]').click();
  await card.locator('.field-error', { hasText: words['cases.answer.reason_missing'] }).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('.error-summary'));
  await noSeriousViolations(page, `referrals-decline-errors-${lang}-phone`);
  await card.getByRole('button', { name: words['cases.cancel'] }).click();

  // She accepts, leading the case herself: her case opens, in intake.
  await card.getByRole('button', { name: words['cases.answer.accept'], exact: true }).click();
  await card.getByRole('button', { name: words['cases.answer.accept_send'] }).click();
  await page.waitForURL(/\/cases\/\d+$/);
  await page.waitForSelector('#safe-contact-title');
  assert.equal((await page.locator('h1').textContent()).trim(), 'Amina (demo)');
  assert.equal((await page.locator('.case__facts .state').textContent()).trim(), words['cases.state.intake']);
  const referral = await page.locator('section.referral').textContent();
  assert.match(referral, /Giulia Bianchi \(demo\)/);
  assert.ok(referral.includes(words['cases.referral.state.accepted']), 'the referral is accepted');

  // Until her safe-contact rules are recorded, the screen says that nobody contacts her.
  const warning = page.locator('#safe-contact-none');
  assert.ok((await warning.textContent()).includes(words['cases.safe.unrecorded_title']));
  await page.check('#channel-sms');
  await page.fill('#field-phone', '+39 333 1234567');
  await page.check('#field-day-1');
  await page.check('#field-day-3');
  await page.fill('#field-from', '18:00');
  await page.fill('#field-to', '09:00');
  await page.fill('#field-code_word', lang === 'ar' ? 'ياسمين' : 'jasmine');
  const save = page.locator('form[aria-labelledby="safe-contact-title"] button[type=submit]');
  await save.click();
  await page.locator('#field-to-error', { hasText: words['cases.safe.before_start'] }).waitFor();
  await noSeriousViolations(page, `case-safe-contact-errors-${lang}-phone`);
  await page.fill('#field-to', '20:00');
  await save.click();
  await page.locator('form[aria-labelledby="safe-contact-title"] [role=status]', { hasText: words['cases.part.saved'] })
    .waitFor();
  assert.equal(await warning.count(), 0, 'she may now be contacted, as recorded');

  // An assessment in three domains, drawn by the chart.
  await page.click('summary#assessment-add-title');
  const form = page.locator('form[aria-labelledby="assessment-add-title"]');
  await form.locator('#field-score-language input[value="2"]').check();
  await form.locator('#field-score-work input[value="3"]').check();
  await form.locator('#field-score-housing input[value="1"]').check();
  await page.fill('#field-note-housing', lang === 'ar' ? 'تسكن عند صديقة' : 'Staying with a friend');
  await form.locator('button[type=submit]').click();
  await page.locator('#assessments-title ~ [role=status]', { hasText: words['cases.assessment.recorded'] }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.progress-chart-series').length === 3);
  const drawn = await page.locator('.progress-chart-series').evaluateAll((series) => series.map((s) => s.dataset.domain));
  assert.deepEqual(drawn.sort(), ['housing', 'language', 'work']);
  assert.equal(await page.locator('.progress-chart svg[role=img]').getAttribute('data-direction'), lang === 'ar' ? 'rtl' : 'ltr');
  await noSeriousViolations(page, `case-profile-${lang}-phone`);
  await page.locator('#assessments-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `../test-results/screenshots/case-assessments-${lang}-phone-view.png` });

  // The inbox no longer holds her.
  await page.click('nav a[href="/referrals"]');
  await page.waitForFunction(() => document.querySelectorAll('.referral-card').length === 0 &&
    document.querySelector('.referrals [role=status].count')?.textContent !== '');
  assert.deepEqual(errors, []);
  await context.close();
}

test('in English: the inbox, accepting Amina, her safe-contact rules and an assessment', async () => {
  await takeOnAmina('en-GB', 'en');
});

test('in Arabic, right to left: the same, mirrored', async () => {
  await takeOnAmina('ar', 'ar');
});
