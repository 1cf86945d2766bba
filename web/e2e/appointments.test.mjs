// Booking at the listening space in a real browser: the demo case worker opens Leila's case and
// books her next appointment on a weekday, at a free time of the demo place, with the demo
// cultural mediator in Arabic; the appointment is listed on the case, and Leila reads it in her own
// view. In English and in Arabic, each screen passes axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseMessages, checkScreen, demoServerAndBrowser, openCase, openPage, signIn } from './helpers.mjs';

const running = demoServerAndBrowser();

const messages = caseMessages;
const panel = 'section[aria-labelledby="appointments-title"]';

const check = checkScreen;

// The Monday two weeks ahead, as YYYY-MM-DD: the demo place is open on weekdays.
function aMonday() {
  const day = new Date(Date.now() + 14 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7));
  return day.toISOString().slice(0, 10);
}

test('in English: she books Leila an appointment with the cultural mediator in Arabic', async () => {
  const words = messages('en');
  const { context, page, errors } = await openCase(running.browser, running.server.url,
    { locale: 'en-GB', name: 'Leila (demo)', ready: '#appointments-title' });
  await page.click('summary#appointment-book-title');
  await page.fill('#field-day', aMonday());
  await page.locator('#field-starts_at option').first().waitFor({ state: 'attached' });
  await page.selectOption('#field-interpreter_id', { label: 'Samira, cultural mediator (demo)' });
  await page.locator('#field-interpreter_language').waitFor();
  await page.selectOption('#field-interpreter_language', 'ar');
  await check(page, 'appointments-en-booking');
  await page.click(`form[aria-labelledby="appointment-book-title"] button[type=submit]`);
  await page.locator(`${panel} [role=status]`, { hasText: words['cases.appointments.booked'].split(' ')[0] }).waitFor();
  const booked = page.locator('.appointments__item', { hasText: 'Interpreter: ' }).last();
  assert.ok((await booked.textContent()).includes('Arabic'), await booked.textContent());
  assert.equal(await page.locator('.appointments__item').count(), 2, 'the demo one and hers');
  await check(page, 'appointments-en-booked');
  await page.locator(panel).screenshot({ path: '/tmp/appointments-en-booked.png' });
  assert.deepEqual(errors, []);
  await context.close();

  // She reads both in her own view.
  const her = await openPage(running.browser, { bypassCSP: true });
  await signIn(her.page, running.server.url, 'participant');
  await her.page.waitForSelector('.cards');
  await her.page.click('.card[href="/appointments"]');
  await her.page.locator('.her__appointments .card').nth(1).waitFor();
  await her.context.close();
});

test('in Arabic: the panel and its form, right to left', async () => {
  const words = messages('ar');
  const { context, page } = await openCase(running.browser, running.server.url,
    { locale: 'ar', name: 'Leila (demo)', ready: '#appointments-title' });
  await page.locator('#appointments-title', { hasText: words['cases.appointments.title'] }).waitFor();
  await page.click('summary#appointment-book-title');
  await page.locator('#field-starts_at, #appointment-no-slot').first().waitFor();
  await check(page, 'appointments-ar');
  await context.close();
});
