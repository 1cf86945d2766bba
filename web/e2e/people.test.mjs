// The People list in a real browser: an admin disables and enables a member from the list she
// read (the update names the version she saw, If-Match), and a second admin acting on an older
// copy of the list is told that the account changed, instead of undoing the change unknowingly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPonte } from './server.mjs';
import { launch, viewports } from './browser.mjs';
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

async function openPeople(role) {
  const { page, errors } = await openPage(browser, { viewport: viewports.desktop });
  await signIn(page, server.url, role);
  await page.waitForSelector('.cards');
  await page.goto(`${server.url}/people`);
  await page.waitForSelector('table.members tbody tr');
  return { page, errors };
}

// The row of the first member the admin may disable, by her name.
const rowOf = (page, name) => page.locator('table.members tbody tr', { hasText: name });

test('an admin disables and enables a member; one acting on an older list is told it changed', async () => {
  const first = await openPeople('org_admin');
  const second = await openPeople('org_admin');
  const candidate = first.page.locator('table.members tbody tr', { has: first.page.getByRole('button', { name: 'Disable' }) }).first();
  const name = (await candidate.locator('td').first().textContent()).trim();

  await rowOf(first.page, name).getByRole('button', { name: 'Disable' }).click();
  await rowOf(first.page, name).locator('.tag').waitFor();

  // The second admin still sees her as enabled: her Disable names the version before the change.
  await rowOf(second.page, name).getByRole('button', { name: 'Disable' }).click();
  await second.page.locator('.error-summary, [role=alert]').first().waitFor();
  assert.match(await second.page.locator('body').textContent(), /changed since you read it/);
  await rowOf(second.page, name).locator('.tag').waitFor();  // the list now shows her as she is

  // From the list as it is now, enabling works.
  await rowOf(second.page, name).getByRole('button', { name: 'Enable' }).click();
  await rowOf(second.page, name).getByRole('button', { name: 'Disable' }).waitFor();
  assert.equal(await rowOf(second.page, name).locator('.tag').count(), 0);
  assert.deepEqual(first.errors, []);
  assert.deepEqual(second.errors, []);
});
