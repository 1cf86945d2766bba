// Sharing a case with the multidisciplinary team in a real browser, as the demo case worker: in
// English she shares a case in intake with the demo team, first without saying how the woman
// consented (the server refuses, at the consent), then with her consent given aloud; in Arabic,
// right to left, she stops sharing a case the team already follows. On the team's page she plans a
// meeting, and in the demo meeting she records a decision that goes into the woman's plan. Every
// screen passes axe-core in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseMessages, checkScreen, demoServerAndBrowser, openCase as openDemoCase, openPage, signIn } from './helpers.mjs';

const running = demoServerAndBrowser();

const messages = caseMessages;
const section = 'section[aria-labelledby="shared-teams-title"]';

const openCase = (locale, name) =>
  openDemoCase(running.browser, running.server.url, { locale, name, ready: '#shared-teams-title' });

async function checkPanel(page, name) {
  await checkScreen(page, name);
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

async function openTeam(locale) {
  const { context, page, errors } = await openPage(running.browser, { locale, bypassCSP: true });
  await signIn(page, running.server.url, 'case_worker');
  await page.waitForSelector('.cards');
  await page.click('nav a[href="/teams"]');
  await page.getByRole('link', { name: 'Équipe REI (demo)' }).click();
  await page.waitForSelector('#mdt-members-title');
  return { context, page, errors };
}

async function checkWhole(page, name) {
  await checkScreen(page, name);
  await page.screenshot({ path: `/tmp/${name}.png`, fullPage: true });
}

test('in English: a meeting planned on the team page, and a decision that goes into her plan', async () => {
  const words = messages('en');
  const { context, page, errors } = await openTeam('en-GB');
  assert.ok((await page.locator('section[aria-labelledby="mdt-cases-title"]').textContent()).includes('Oksana (demo)'));
  await checkWhole(page, 'team-en');
  await page.click('summary#mdt-plan-title');
  await page.click('form[aria-labelledby="mdt-plan-title"] button[type=submit]');
  await page.locator('#field-place-error', { hasText: words['cases.mdt.place_missing'] }).waitFor();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.fill('#field-starts_at', tomorrow);
  await page.fill('#field-time', '10:30');
  await page.fill('#field-place', 'Town hall, room 4');
  await page.getByLabel('Oksana (demo)').check();
  await page.click('form[aria-labelledby="mdt-plan-title"] button[type=submit]');
  await page.locator('section.meeting h2', { hasText: 'Oksana (demo)' }).waitFor();
  assert.equal(await page.locator('section.meeting > section.panel').count(), 1, 'only the case on its agenda');

  await page.click('a.back');
  await page.locator('section[aria-labelledby="mdt-meetings-title"] li', { hasText: 'Social services' }).locator('a').click();
  const leila = page.locator('section.panel', { has: page.locator('h2', { hasText: 'Leila (demo)' }) });
  await leila.waitFor();
  assert.ok((await leila.locator('textarea').inputValue()).includes('social housing'));
  await leila.locator('summary').click();
  await leila.getByLabel(words['cases.mdt.decision'], { exact: true }).fill('Visit the housing office together');
  await leila.getByLabel(words['cases.mdt.due_on']).fill(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
  await leila.locator('form.narrow button[type=submit]').click();
  await leila.locator('[role=status]', { hasText: words['cases.mdt.decided'] }).waitFor();
  await leila.locator('li', { hasText: 'Visit the housing office together' }).waitFor();
  await checkWhole(page, 'meeting-en');
  // The decision is an action of her plan.
  const titles = await page.evaluate(async (meeting) => {
    const read = async (path) => (await fetch(path)).json();
    const agenda = (await read(`/api/v1/meetings/${meeting}`)).agenda;
    const item = agenda.find((entry) => entry.chosen_name === 'Leila (demo)');
    const plan = await read(`/api/v1/cases/${item.case_id}/plan`);
    return plan.goals.flatMap((goal) => goal.actions.map((action) => action.title));
  }, page.url().split('/').pop());
  assert.ok(titles.includes('Visit the housing office together'), titles.join(', '));
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

test('in Arabic, right to left: the team page and a meeting without the case no longer shared', async () => {
  const { context, page, errors } = await openTeam('ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.ok(!(await page.locator('section[aria-labelledby="mdt-cases-title"]').textContent()).includes('Leila (demo)'));
  await checkWhole(page, 'team-ar');
  await page.locator('section[aria-labelledby="mdt-meetings-title"] li', { hasText: 'Social services' }).locator('a').click();
  await page.locator('section.meeting h2').first().waitFor();
  assert.equal(await page.locator('section.meeting h2', { hasText: 'Leila (demo)' }).count(), 0);
  await checkWhole(page, 'meeting-ar');
  assert.deepEqual(errors, []);
  await context.close();
});
