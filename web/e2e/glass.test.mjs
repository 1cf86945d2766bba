// Breaking the glass in a real browser: a second case worker of the demo organization, on none of
// its cases' teams, opens the demo case of Leila and is answered "not found", as for a case that
// does not exist; she writes why she must read it now, breaks the glass and reads the case (but
// changes nothing); the lead worker then reads on the case's timeline who broke the glass and why.
// In English and in Arabic, each screen passes axe-core.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { caseMessages, checkScreen, demoServerAndBrowser, openPage, signIn, signInByApi } from './helpers.mjs';

const running = demoServerAndBrowser();
let leila;  // the path of her case
const colleague = { email: 'colleague@demo.ponte.example', password: 'a colleague passphrase, long enough' };

before(async () => {
  await running.ready;
  // The organization's administrator makes the colleague's account; she sets her passphrase.
  const admin = await signInByApi(running.server.url, 'org_admin@demo.ponte.example');
  const organization = admin.session.user.memberships[0].organization_id;
  const made = await fetch(`${running.server.url}/api/v1/organizations/${organization}/users`, {
    method: 'POST', headers: admin.headers,
    body: JSON.stringify({ display_name: 'Colleague (demo)', email: colleague.email, role: 'case_worker' }),
  });
  assert.equal(made.status, 201, await made.clone().text());
  const { invitation } = await made.json();
  const accepted = await fetch(`${running.server.url}/api/v1/invitations/accept`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: invitation.code, password: colleague.password }),
  });
  assert.equal(accepted.status, 200, await accepted.text());
  const lead = await signInByApi(running.server.url, 'case_worker@demo.ponte.example');
  const found = await (await fetch(`${running.server.url}/api/v1/organizations/${organization}/cases?q=leila`,
    { headers: lead.headers })).json();
  leila = `/cases/${found.items[0].id}`;
});

const messages = caseMessages;

const check = checkScreen;

async function asColleague(locale) {
  const opened = await openPage(running.browser, { locale, bypassCSP: true });
  await opened.page.goto(`${running.server.url}/login`);
  await opened.page.fill('#field-email', colleague.email);
  await opened.page.fill('#field-password', colleague.password);
  await opened.page.click('button[type=submit]');
  await opened.page.waitForSelector('.cards');
  return opened;
}

test('in Arabic: outside her team, the case is "not found", as for no case', async () => {
  const words = messages('ar');
  const { context, page } = await asColleague('ar');
  await page.goto(`${running.server.url}${leila}`);
  await page.locator('summary#glass-title', { hasText: words['cases.glass.title'] }).waitFor();
  const refused = await page.locator('main .error-summary').textContent();
  await page.goto(`${running.server.url}/cases/987654321`);
  await page.waitForSelector('summary#glass-title');
  assert.equal(await page.locator('main .error-summary').textContent(), refused, 'the same answer as for no case');
  await page.goto(`${running.server.url}${leila}`);
  await page.click('summary#glass-title');
  await check(page, 'glass-ar');
  // A reason too short is named at its field; nothing is broken.
  await page.fill('#field-reason', 'الآن');
  await page.click('form[aria-labelledby="glass-title"] button[type=submit]');
  await page.waitForSelector('#field-reason-error');
  await check(page, 'glass-ar-refused');
  await context.close();
});

test('in English: she breaks the glass with a reason, and the lead worker reads it on the timeline', async () => {
  const words = messages('en');
  const reason = 'She is at the desk now and her case worker is away today';
  const { context, page, errors } = await asColleague('en-GB');
  await page.goto(`${running.server.url}${leila}`);
  await page.click('summary#glass-title');
  await page.fill('#field-reason', reason);
  await page.click('form[aria-labelledby="glass-title"] button[type=submit]');
  await page.locator('h1', { hasText: 'Leila (demo)' }).waitFor();
  await page.locator('.callout[role=status]').waitFor();
  assert.equal(await page.locator('.moves').count(), 0, 'she reads the case; she does not move it');
  await page.waitForSelector('.timeline__event--glass_broken');
  await check(page, 'glass-en-reading');
  assert.deepEqual(errors, []);
  await context.close();

  const lead = await openPage(running.browser, { bypassCSP: true });
  await signIn(lead.page, running.server.url, 'case_worker');
  await lead.page.waitForSelector('.cards');
  await lead.page.goto(`${running.server.url}${leila}`);
  const notice = lead.page.locator('.timeline__event--glass_broken');
  await notice.waitFor();
  const text = await notice.textContent();
  assert.ok(text.includes('Colleague (demo)'), text);
  assert.ok(text.includes(reason), text);
  assert.ok(text.includes(words['cases.timeline.reason']), text);
  await notice.screenshot({ path: '/tmp/glass-notice.png' });
  await lead.context.close();
});
