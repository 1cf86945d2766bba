// Her own view in a real browser, on a phone: the demo participant (linked to the demo case of
// Leila) signs in in Arabic, right to left, reads her plan and marks her action done; she asks for
// help with another in a few words; she reads her next appointment, with its interpreter, and
// takes it to her calendar as an iCalendar file. Nothing on her screens, in their titles or in
// the file names the organization or its place, as her safe-contact rules were never written.
// Every screen passes axe-core, in Arabic and in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { caseMessages, checkScreen, demoServerAndBrowser, openPage, signIn } from './helpers.mjs';

const running = demoServerAndBrowser();

const messages = caseMessages;
// What must never be on her screens: her organization, its place, what her team keeps to itself.
const unnamed = ['Empoli social services', "Women's listening space"];

async function openHerView(locale, href) {
  const opened = await openPage(running.browser, { locale, bypassCSP: true });
  await signIn(opened.page, running.server.url, 'participant');
  await opened.page.waitForSelector('.cards');
  await opened.page.click(`.card[href="${href}"]`);
  return opened;
}

async function check(page, name) {
  await checkScreen(page, name);
  const shown = `${await page.title()} ${await page.locator('body').innerText()}`;
  for (const word of unnamed) assert.ok(!shown.includes(word), `${name}: names "${word}"`);
}

test('in Arabic on a phone: she reads her plan and marks her action done', async () => {
  const words = messages('ar');
  const { context, page, errors } = await openHerView('ar', '/plan');
  await page.waitForSelector('.her__goal');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.locator('h1').textContent(), words['cases.her.plan_title']);
  assert.equal(await page.locator('.her__goal').count(), 3, 'her three goals');
  await check(page, 'her-plan-ar');

  const exam = page.locator('.her__action', { hasText: 'Sit the A2 exam' });
  await exam.locator('button', { hasText: words['cases.her.did_it'] }).click();
  await exam.locator('.her__said', { hasText: words['cases.her.well_done'] }).waitFor();
  await page.locator('.her__action--done', { hasText: 'Sit the A2 exam' }).waitFor();
  assert.equal(await exam.locator('.her__buttons').count(), 0, 'done: no more buttons');
  // What changed is said at the top, from the version her marking made.
  await page.locator('.her__changes li', { hasText: 'Sit the A2 exam' }).waitFor();
  await check(page, 'her-plan-ar-done');

  const cv = page.locator('.her__action', { hasText: 'Write a CV with her mentor' });
  await cv.locator('button', { hasText: words['cases.her.need_help'] }).click();
  await cv.locator('textarea').fill('لا أعرف كيف أبدأ');
  await check(page, 'her-plan-ar-help');
  await cv.locator('button[type=submit]').click();
  await cv.locator('.her__said', { hasText: words['cases.her.help_sent'] }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  // Her worker reads both on the case's timeline.
  const staff = await openPage(running.browser, { bypassCSP: true });
  await signIn(staff.page, running.server.url, 'case_worker');
  await staff.page.waitForSelector('.cards');
  const timeline = await staff.page.evaluate(async () => {
    const session = await (await fetch('/api/v1/auth/session')).json();
    const organization = session.user.memberships[0].organization_id;
    const cases = await (await fetch(`/api/v1/organizations/${organization}/cases?q=leila`)).json();
    const id = cases.items[0].id;
    return (await (await fetch(`/api/v1/cases/${id}/timeline?limit=100`)).json()).items.map((e) => e.kind);
  });
  assert.ok(timeline.includes('help_asked'), timeline.join(' '));
  await staff.context.close();
});

test('in English: her next appointment, with its interpreter, goes to her calendar', async () => {
  const words = messages('en');
  const { context, page, errors } = await openHerView('en-GB', '/appointments');
  const card = page.locator('.her__appointments .card').first();
  await card.waitFor();
  assert.ok((await card.textContent()).includes('An interpreter will be there'), await card.textContent());
  await check(page, 'her-appointments-en');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.locator('a', { hasText: words['cases.her.add_to_calendar'] }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'appointment.ics');
  const ics = readFileSync(await download.path(), 'utf8');
  assert.match(ics, /BEGIN:VEVENT/);
  assert.match(ics, /SUMMARY:Appointment\r\n/);
  for (const word of unnamed) assert.ok(!ics.includes(word), `the calendar file names "${word}"`);
  assert.deepEqual(errors, []);
  await context.close();
});
