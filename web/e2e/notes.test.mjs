// Her case's notes and documents in a real browser, as the demo case worker, in English and in
// Arabic: she opens a case, writes a note shared with her, tries a web page (a type a case does
// not keep, said at the file's field) and, in English, a file too large, uploads a small PDF
// shared with her, sees it listed and downloads it: as an attachment, of the type read from its
// bytes, sandboxed, never inline. The panels pass axe-core in both languages, and the Arabic ones
// read right to left.
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
const notes = 'section[aria-labelledby="notes-title"]';
const documents = 'section[aria-labelledby="documents-title"]';
const noteForm = 'form[aria-labelledby="note-add-title"]';
const documentForm = 'form[aria-labelledby="document-add-title"]';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

const openCase = (locale, name) =>
  openDemoCase(browser, server.url, { locale, name, ready: '#documents-none, .documents__list' });

// No serious accessibility violation, nothing wider than the phone, and pictures of the panels.
async function checkPanels(page, name) {
  assert.deepEqual(await seriousViolations(page), [], name);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name}: fits the width`);
  await screenshot(page, name);
  await page.locator(notes).screenshot({ path: `/tmp/${name}-notes.png` });
  await page.locator(documents).screenshot({ path: `/tmp/${name}-documents.png` });
}

async function writeAndUpload(page, words, { note, file, tooLarge = false }, name) {
  assert.equal(await page.locator('#notes-none').textContent(), words['cases.notes.none']);
  assert.equal(await page.locator('#documents-none').textContent(), words['cases.documents.none']);

  // A note shared with her.
  await page.click('summary#note-add-title');
  await page.fill('#field-note-text', note);
  await page.selectOption('#field-note-visibility', 'her');
  await page.click(`${noteForm} button[type=submit]`);
  await page.locator(`${notes} > [role=status]`, { hasText: words['cases.notes.written_shared'] }).waitFor();
  const written = page.locator('.notes__list li').first();
  assert.equal(await written.locator('.notes__text').textContent(), note);
  assert.match(await written.locator('.timeline__what').textContent(), /Demo case_worker/);
  assert.ok((await written.textContent()).includes(words['cases.visibility.her']));
  assert.equal(await page.inputValue('#field-note-text'), '', 'the form is emptied once the note is saved');

  // A web page is refused, at the file's field.
  await page.click('summary#document-add-title');
  await page.setInputFiles('#field-document-file', { name: 'page.html', mimeType: 'text/html',
    buffer: Buffer.from('<!doctype html><html><script>alert(1)</script></html>') });
  await page.click(`${documentForm} button[type=submit]`);
  await page.locator('#field-document-file-error', { hasText: words['cases.documents.not_allowed'] }).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('.error-summary'));
  assert.equal(await page.getAttribute('#field-document-file', 'aria-invalid'), 'true');
  assert.equal(await page.locator('#documents-none').count(), 1, 'nothing is kept');
  await checkPanels(page, `${name}-refused`);

  // A file beyond the server's limit (10 MiB by default) is refused too, at the same field.
  if (tooLarge) {
    await page.setInputFiles('#field-document-file', { name: 'scan.pdf', mimeType: 'application/pdf',
      buffer: Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]) });
    await page.click(`${documentForm} button[type=submit]`);
    await page.locator('#field-document-file-error', { hasText: words['cases.documents.too_large'] }).waitFor();
    assert.equal(await page.locator('#documents-none').count(), 1, 'nothing is kept');
  }

  // A small PDF, shared with her.
  await page.setInputFiles('#field-document-file', { name: file, mimeType: 'application/pdf', buffer: pdf });
  await page.selectOption('#field-document-visibility', 'her');
  await page.click(`${documentForm} button[type=submit]`);
  await page.locator('.documents__list li').first().waitFor();
  assert.equal(await page.locator('#field-document-file-error').count(), 0);
  assert.equal(await page.locator('.error-summary').count(), 0);
  const row = page.locator('.documents__list li').first();
  assert.equal(await row.locator('.team__name').textContent(), file);
  const facts = (await row.locator('.team__role').textContent()).replace(/[\u2068\u2069]/g, '');
  assert.ok(facts.startsWith(words['cases.documents.kind.pdf']), facts);
  assert.match(facts, /Demo case_worker/);
  assert.ok((await row.locator('.state').textContent()).includes(words['cases.visibility.her']));
  // The timeline, read again, says who wrote the note and who added the document.
  for (const key of ['cases.timeline.note_added', 'cases.timeline.document_added']) {
    const said = words[key].split('{who}').map((part) => part.trim()).filter(Boolean)
      .reduce((events, part) => events.filter({ hasText: part }), page.locator('.timeline li'));
    await said.filter({ hasText: 'Demo case_worker' }).first().waitFor();
  }
  await checkPanels(page, `${name}-uploaded`);

  // Downloaded as an attachment, of its type, sandboxed; the same bytes.
  const link = row.getByRole('link', { name: new RegExp(words['cases.documents.download']) });
  const href = await link.getAttribute('href');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), file);
  assert.deepEqual(readFileSync(await download.path()), pdf);
  const answer = await page.context().request.get(`${server.url}${href}`);
  assert.equal(answer.status(), 200);
  const headers = answer.headers();
  assert.match(headers['content-disposition'], /^attachment; /);
  assert.ok(headers['content-disposition'].includes(`filename*=UTF-8''${encodeURIComponent(file)}`),
    headers['content-disposition']);
  assert.equal(headers['content-type'], 'application/pdf');
  assert.match(headers['content-security-policy'], /sandbox/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
}

test('in English: a shared note, a web page and a file too large refused, a PDF uploaded, downloaded', async () => {
  const words = messages('en');
  const { context, page, errors } = await openCase('en-GB', 'Oksana (demo)');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await writeAndUpload(page, words, { note: 'She found a room.\nVisit on Monday.', file: 'permesso.pdf',
    tooLarge: true },
    'notes-en-phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('in Arabic, right to left: the same, with her words and a file named in Arabic', async () => {
  const words = messages('ar');
  const { context, page, errors } = await openCase('ar', 'Mariam (demo)');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal((await page.locator('#notes-title').textContent()).trim(), words['cases.notes.title']);
  await writeAndUpload(page, words, { note: 'وجدت غرفة.\nزيارة يوم الاثنين.', file: 'تصريح الإقامة.pdf' },
    'notes-ar-phone');
  // The panels' headings start on the right.
  for (const selector of ['#notes-title', '#documents-title']) {
    const gap = await page.locator(selector).evaluate((element) => {
      const words = document.createRange();
      words.selectNodeContents(element);
      return element.closest('section').getBoundingClientRect().right - words.getBoundingClientRect().right;
    });
    assert.ok(gap < 48, `${selector} starts on the right (${gap})`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
