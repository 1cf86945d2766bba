// The People list in a real browser: an admin disables and enables a member from the list she
// read (the update names the version she saw, If-Match), and a second admin acting on an older
// copy of the list is told that the account changed, instead of undoing the change unknowingly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPonte } from './server.mjs';
import { launch, screenshot, viewports } from './browser.mjs';
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

// She cannot act on her own account: the action cell of her row says that it is her, and is a
// table cell like those of the other rows (same top, height, start and width), not a box out of
// line with them.
test("the action cell of the admin's own row says it is her and lines up with the others", async () => {
  const { page, errors } = await openPeople('org_admin');
  const self = await page.evaluate(async () => (await (await fetch('/api/v1/auth/session')).json()).user.display_name);
  while (await rowOf(page, self).count() === 0) await page.getByRole('button', { name: 'Show more people' }).click();
  const cells = await page.locator('table.members tbody tr').evaluateAll((rows) => rows.map((row) => {
    // The name cell, a plain table cell, is the measure of where the action cell belongs.
    const [name, , actions] = [...row.cells].map((cell) => cell.getBoundingClientRect());
    return {
      name: row.cells[0].textContent.trim(), text: row.cells[2].textContent.trim(),
      display: getComputedStyle(row.cells[2]).display, top: actions.top - name.top, height: actions.height - name.height,
      left: Math.round(actions.left), width: Math.round(actions.width),
    };
  }));
  await screenshot(page, 'people-members-en-desktop');
  const header = await page.locator('table.members thead th').nth(2).evaluate((th) => th.getBoundingClientRect());
  assert.ok(cells.length > 1, 'the list shows other people too');
  for (const cell of cells) {
    assert.deepEqual({ display: cell.display, top: cell.top, height: cell.height, left: cell.left, width: cell.width },
      { display: 'table-cell', top: 0, height: 0, left: Math.round(header.left), width: Math.round(header.width) }, cell.name);
  }
  const own = cells.filter((cell) => cell.name.startsWith(self));
  assert.deepEqual(own.map((cell) => cell.text), ['This is you']);
  assert.equal(await rowOf(page, self).getByRole('button').count(), 0);
  assert.deepEqual(errors, []);
});
