// Her plan in a real browser, as the demo case worker, in English and in Arabic: she opens a case,
// agrees a plan with three goals and an action for the woman herself (a day before the plan is
// first refused by the server, at its field), sees it saved, marks the action done, reads the
// versions in plain words and downloads the plan as a PDF. The panel passes axe-core in both
// languages, and the Arabic one reads right to left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startPonte } from './server.mjs';
import { launch, seriousViolations, screenshot } from './browser.mjs';
import { openCase as openDemoCase } from './helpers.mjs';

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
const byId = (id) => `[id="${id}"]`;
const panel = '#plan-title';
const planForm = 'form[aria-labelledby="plan-title"]';

const openCase = (locale, name) => openDemoCase(browser, server.url, { locale, name, ready: panel });

// No serious accessibility violation, nothing wider than the phone, and a picture of the panel.
async function checkPanel(page, name) {
  assert.deepEqual(await seriousViolations(page), [], name);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name}: fits the width`);
  await screenshot(page, name);
  await page.locator('section[aria-labelledby="plan-title"]').screenshot({ path: `/tmp/${name}.png` });
}

// Three goals, in three domains; the first with a target score and an action for her, due `due`.
async function fillPlan(page, words, goals, due) {
  await page.click('summary#plan-show');
  for (let g = 0; g < goals.length; ++g) {
    await page.getByRole('button', { name: words['cases.plan.add_goal'] }).click();
    await page.selectOption(byId(`field-goals.${g}.domain`), goals[g].domain);
    await page.fill(byId(`field-goals.${g}.statement`), goals[g].statement);
    await page.fill(byId(`field-goals.${g}.target`), goals[g].target);
  }
  await page.selectOption(byId('field-goals.0.target_score'), '4');
  await page.click(`${planForm} #goal-0 .actions button.button:not(.small)`);
  await page.locator('#goal-0').getByLabel(words['cases.plan.field.title'], { exact: true }).fill(goals[0].action);
  assert.equal(await page.inputValue(byId('field-goals.0.actions.0.owner')), 'her');
  await page.fill(byId('field-goals.0.actions.0.due_on'), due);
  await page.click(`${planForm} button[type=submit]`);
}

// Agrees the plan (first with a day the server refuses), marks her action done, downloads the PDF.
async function agreeAndFollow(page, words, goals, name) {
  assert.equal(await page.locator('#plan-none').textContent(), words['cases.plan.none']);
  await fillPlan(page, words, goals, '2020-01-01');
  await page.locator(byId('field-goals.0.actions.0.due_on-error'), { hasText: words['cases.plan.before_start'] })
    .waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('#plan-errors.error-summary, .error-summary'));
  const summary = await page.locator('.error-summary a[href="#field-goals.0.actions.0.due_on"]').textContent();
  assert.ok(summary.includes(words['cases.plan.before_start']), summary);
  await checkPanel(page, `${name}-refused`);
  await page.locator('#goal-0').screenshot({ path: `/tmp/${name}-goal.png` });
  await page.locator('.error-summary').screenshot({ path: `/tmp/${name}-summary.png` });

  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.fill(byId('field-goals.0.actions.0.due_on'), due);
  await page.click(`${planForm} button[type=submit]`);
  await page.locator('section[aria-labelledby="plan-title"] > [role=status]', { hasText: words['cases.plan.saved'] })
    .waitFor();
  assert.equal(await page.locator(planForm).isVisible(), false, 'the form folds once saved');
  await page.locator('.plan__goal').nth(2).waitFor();
  assert.equal(await page.locator('.plan__goal').count(), 3);
  assert.equal(await page.locator('.error-summary').count(), 0);
  const action = page.locator('.plan__actions li').first();
  assert.ok((await action.textContent()).includes(goals[0].action));
  assert.ok((await action.textContent()).includes(words['cases.plan.state.planned']));
  assert.ok((await page.locator('.plan__goal').first().textContent()).includes(goals[0].statement));
  await checkPanel(page, `${name}-agreed`);

  await action.getByRole('button', { name: words['cases.plan.mark_done'] }).click();
  await action.locator('.state', { hasText: words['cases.plan.state.done'] }).waitFor();
  assert.equal(await action.getByRole('button').count(), 0, 'no button on an action done');

  await page.click('summary#plan-versions-title');
  const versions = page.locator('ol[aria-labelledby="plan-versions-title"] > li');
  await versions.nth(1).waitFor();
  assert.equal(await versions.count(), 2);
  assert.ok((await versions.nth(1).textContent()).includes(words['cases.plan.change.agreed']));
  assert.match(await versions.nth(0).textContent(), /Demo case_worker/);
  assert.ok((await versions.nth(0).textContent()).includes(goals[0].action));
  await checkPanel(page, `${name}-done`);

  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: words['cases.plan.download'] }).click()]);
  assert.match(download.suggestedFilename(), /^plan-.*\.pdf$/);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
}

test('in English: a plan of three goals agreed, an action done, its versions, its PDF', async () => {
  const words = messages('en');
  const { context, page, errors } = await openCase('en-GB', 'Oksana (demo)');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await agreeAndFollow(page, words, [
    { domain: 'language', statement: 'Speak Italian at the doctor', target: 'She books a visit on her own',
      action: 'Enrol in the A2 course' },
    { domain: 'housing', statement: 'A flat of her own', target: 'A rental contract in her name' },
    { domain: 'work', statement: 'A job as a cook', target: 'A contract of six months or more' },
  ], 'plan-en-phone');
  await page.locator('.timeline li', { hasText: /Demo case_worker.*agreed her plan with her/ }).waitFor();
  await page.locator('.timeline li', { hasText: /Demo case_worker.*moved an action of her plan/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('in Arabic, right to left: the same plan, in her language', async () => {
  const words = messages('ar');
  const { context, page, errors } = await openCase('ar', 'Mariam (demo)');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal((await page.locator(panel).textContent()).trim(), words['cases.plan.heading']);
  await agreeAndFollow(page, words, [
    { domain: 'language', statement: 'أن تتكلم الإيطالية عند الطبيب', target: 'تحجز موعدًا وحدها',
      action: 'التسجيل في دورة A2' },
    { domain: 'housing', statement: 'شقة خاصة بها', target: 'عقد إيجار باسمها' },
    { domain: 'work', statement: 'عمل طاهية', target: 'عقد لمدة ستة أشهر أو أكثر' },
  ], 'plan-ar-phone');
  // The panel's heading and its goals' start on the right.
  for (const selector of [panel, '.plan__goal h3']) {
    const gap = await page.locator(selector).first().evaluate((element) => {
      const words = document.createRange();
      words.selectNodeContents(element);
      return element.closest('section').getBoundingClientRect().right - words.getBoundingClientRect().right;
    });
    assert.ok(gap < 48, `${selector} starts on the right (${gap})`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
