// Sharing a case with the multidisciplinary team in a real browser, as the demo case worker: in
// English she shares a case in intake with the demo team, first without saying how the woman
// consented (the server refuses, at the consent), then with her consent given aloud; in Arabic,
// right to left, she stops sharing a case the team already follows. The panel passes axe-core in
// both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startPonte } from './server.mjs';
import { launch, seriousViolations, screenshot } from './browser.mjs';
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

const messages = (locale) =>
  JSON.parse(readFileSync(new URL(`../src/modules/cases/messages/${locale}.json`, import.meta.url), 'utf8'));
const section = 'section[aria-labelledby="shared-teams-title"]';

async function openCase(locale, name) {
  const { context, page, errors } = await openPage(browser, { locale, bypassCSP: true });
  await signIn(page, server.url, 'case_worker');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/caseload"]');
  await page.fill('#field-q', name.split(' ')[0].toLowerCase());
  await page.click('form[role=search] button[type=submit]');
  await page.click(`.case-card__name:text-is("${name}")`);
  await page.waitForSelector('#shared-teams-title');
  return { context, page, errors };
}

async function checkPanel(page, name) {
  assert.deepEqual(await seriousViolations(page), [], name);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name}: fits the width`);
  await screenshot(page, name);
  await page.locator(section).screenshot({ path: `/tmp/${name}.png` });
}

test('in English: a case shared with the team once she consented', async () => {
  const words = messages('en');
  const { context, page, errors } = await openCase('en-GB', 'Fatou (demo)');
  await page.locator(section, { hasText: words['cases.teams.none'] }).waitFor();
  await page.click('summary#shared-teams-add-title');
  await page.selectOption('#field-team_id', { label: 'Équipe REI (demo)' });
  await page.click(`${section} button[type=submit]`);
  await page.locator('#field-consent_method-error', { hasText: words['cases.teams.consent_missing'] }).waitFor();
  await checkPanel(page, 'teams-en-refused');
  await page.getByLabel(words['cases.teams.consent_verbal']).check();
  await page.click(`${section} button[type=submit]`);
  await page.locator(`${section} [role=status]`, { hasText: words['cases.teams.shared'] }).waitFor();
  const row = page.locator(`${section} .team li`).first();
  assert.ok((await row.textContent()).includes('Équipe REI (demo)'));
  assert.ok((await row.textContent()).includes(words['cases.teams.consent_verbal']));
  await checkPanel(page, 'teams-en-shared');
  assert.deepEqual(errors, []);
  await context.close();
});

test('in Arabic, right to left: the team no longer follows a case', async () => {
  const words = messages('ar');
  const { context, page, errors } = await openCase('ar', 'Leila (demo)');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const row = page.locator(`${section} .team li`).first();
  await row.waitFor();
  assert.ok((await row.textContent()).includes(words['cases.teams.consent_paper']));
  await checkPanel(page, 'teams-ar-shared');
  await row.getByRole('button', { name: words['cases.teams.stop'] }).click();
  await page.locator(section, { hasText: words['cases.teams.none'] }).waitFor();
  await page.locator(`${section} [role=status]`, { hasText: words['cases.teams.unshared'] }).waitFor();
  await checkPanel(page, 'teams-ar-unshared');
  assert.deepEqual(errors, []);
  await context.close();
});
