// Her case's notes and documents on the case screen, against a stand-in for the server that keeps
// them: a worker of her team reads the notes newest first, with who wrote each, when and for whom,
// and writes one shared with her (an empty one is named before anything is sent); she uploads a
// document as its bytes, with its name and visibility in the query, and reads it listed with its
// type, size and a link to download it; a file too large (413) or of a type a case does not keep
// (422 naming the body) is said at the file's field; and a mentor reads both without a form.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
const at = Date.UTC(2026, 2, 14, 9, 30);
type Stored = Record<string, unknown>;
let notes: Stored[];
let documents: Stored[];
let refusal: Response | null;

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const problem = (status: number, errors: unknown[] = []) =>
  json({ title: 'Problem', status, errors }, status, 'application/problem+json');

async function answer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const { pathname } = url;
  if (pathname === '/api/v1/cases/5') {
    return json({ id: 5, organization_id: 1, chosen_name: 'Amina (demo)', code: 'W-AGTC-VA4Z', state: 'active',
      outcome: null, lead: { user_id: 7, display_name: 'Amina Haddad' }, opened_at: at, updated_at: at, etag: '"1"',
      team: [{ user_id: 7, display_name: 'Amina Haddad', role: 'lead' }, { user_id: 8, display_name: 'Leyla', role: 'member' }],
      history: [], referral: null });
  }
  if (pathname === '/api/v1/cases/5/timeline') return json({ items: [], next_cursor: null });
  if (pathname === '/api/v1/cases/5/assessments') return json({ items: [], progress: [] });
  if (pathname === '/api/v1/cases/5/notes') {
    if (request.method === 'POST') {
      const body = await request.clone().json();
      const note = { id: notes.length + 1, case_id: 5, author_user_id: 7, created_at: at + 60_000, ...body };
      notes = [note, ...notes];
      return json(note, 201);
    }
    return json({ items: notes, next_cursor: null });
  }
  if (pathname === '/api/v1/cases/5/documents') {
    if (request.method === 'POST') {
      if (refusal) return refusal;
      const bytes = await request.clone().arrayBuffer();
      const document = { id: documents.length + 1, case_id: 5, name: url.searchParams.get('name'),
        visibility: url.searchParams.get('visibility'), media_type: 'text/plain', size_bytes: bytes.byteLength,
        uploaded_by_user_id: 7, created_at: at };
      documents = [document, ...documents];
      return json(document, 201);
    }
    return json({ items: documents, next_cursor: null });
  }
  if (/^\/api\/v1\/cases\/5\/(profile|safe-contact|sensitive|plan)$/.test(pathname)) return problem(404);
  return new Response(null, { status: 404 });
}

let draw: typeof drawType;
let CaseScreen: typeof import('./CaseScreen').CaseScreen;
let exampleSession: typeof import('../../core/examples').exampleSession;

beforeAll(async () => {
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  ({ draw } = await import('../../core/draw'));
  ({ CaseScreen } = await import('./CaseScreen'));
  ({ exampleSession } = await import('../../core/examples'));
});

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
beforeEach(() => {
  sent.length = 0;
  notes = [
    { id: 2, case_id: 5, visibility: 'team', text: 'She asked about the\nA2 course.', author_user_id: 8, created_at: at },
    { id: 1, case_id: 5, visibility: 'her', text: 'First meeting.', author_user_id: 99, created_at: at - 86_400_000 },
  ];
  documents = [{ id: 3, case_id: 5, visibility: 'her', name: 'permesso.pdf', media_type: 'application/pdf',
    size_bytes: 254_300, uploaded_by_user_id: 8, created_at: at }];
  refusal = null;
});
afterEach(() => drawn?.remove());

const $ = <E extends Element = HTMLElement>(selector: string) => drawn!.root.querySelector<E>(selector);
const $$ = (selector: string) => [...drawn!.root.querySelectorAll<HTMLElement>(selector)];
const text = (selector: string) => $(selector)?.textContent?.trim();
const type = async (selector: string, value: string, event = 'input') => {
  const field = $<HTMLInputElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event(event, { bubbles: true }));
  await drawn!.settle();
};
const choose = async (file: File) => {
  const field = $<HTMLInputElement>('#field-document-file')!;
  Object.defineProperty(field, 'files', { value: [file], configurable: true });
  field.dispatchEvent(new Event('change', { bubbles: true }));
  await drawn!.settle();
};
const posts = (path: string) => sent.filter((r) => r.method === 'POST' && new URL(r.url).pathname === path);
const show = (roles = ['case_worker']) =>
  draw({ name: 'case', state: { session: exampleSession(roles) }, draw: () => <CaseScreen id="5" /> }, 'en');

it('TheNotes_AreReadNewestFirst_WithWhoWroteEach_When_AndForWhom', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($$('.notes__list li')).toHaveLength(2));
  const [newest, oldest] = $$('.notes__list li');
  expect(newest.querySelector('.timeline__what')!.textContent).toBe('Note by \u2068Leyla\u2069 Her team only');
  expect(newest.querySelector('.notes__text')!.textContent).toBe('She asked about the\nA2 course.');
  expect(newest.querySelector('.timeline__when')!.textContent).toMatch(/14 Mar 2026|Mar 14, 2026/);
  // One no longer on her team is "someone".
  expect(oldest.querySelector('.timeline__what')!.textContent).toBe('Note by \u2068Someone\u2069 Shared with her');
});

it('AWorkerWritesANoteSharedWithHer_AndAnEmptyOneIsNamedBeforeSending', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($('#note-add-title')).not.toBeNull());
  await type('#field-note-text', '   ');
  $<HTMLFormElement>('form[aria-labelledby="note-add-title"]')!.requestSubmit();
  await vi.waitFor(() => expect(text('#field-note-text-error')).toBe('Write the note'));
  expect(posts('/api/v1/cases/5/notes')).toHaveLength(0);

  await type('#field-note-text', ' She found a flat.\nVisit on Monday. ');
  await type('#field-note-visibility', 'her', 'change');
  $<HTMLFormElement>('form[aria-labelledby="note-add-title"]')!.requestSubmit();
  await vi.waitFor(() => expect($$('.notes__list li')).toHaveLength(3));
  expect(await posts('/api/v1/cases/5/notes')[0].json())
    .toEqual({ text: 'She found a flat.\nVisit on Monday.', visibility: 'her' });
  expect($$('.notes__list li')[0].textContent).toContain('Note by \u2068Amina Haddad\u2069 Shared with her');
  expect(text('#notes-title ~ [role=status]')).toBe('Your note is saved. She can read it too.');
  expect($<HTMLTextAreaElement>('#field-note-text')!.value).toBe('');
  expect($<HTMLSelectElement>('#field-note-visibility')!.value).toBe('team');
  expect($('#field-note-text-error')).toBeNull();
  // A note is an event of the case: its timeline is read again.
  expect(sent.filter((r) => r.url.endsWith('/api/v1/cases/5/timeline'))).toHaveLength(2);
});

it('TheDocuments_AreListedWithTypeSizeDayAndVisibility_AndALinkToDownloadEach', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($$('.documents__list li')).toHaveLength(1));
  const row = $$('.documents__list li')[0];
  expect(row.querySelector('.team__name')!.textContent).toBe('permesso.pdf');
  expect(row.querySelector('.team__role')!.textContent).toMatch(/^\u2068PDF\u2069, \u2068254\.3 kB\u2069, .*2026, by \u2068Leyla\u2069$/);
  expect(row.querySelector('.state')!.textContent).toBe('Shared with her');
  const link = row.querySelector('a')!;
  expect(link.getAttribute('href')).toBe('/api/v1/cases/5/documents/3');
  expect(link.hasAttribute('download')).toBe(true);
  expect(link.textContent).toBe('Download (permesso.pdf)');
});

it('AWorkerUploadsADocument_AsItsBytes_WithItsNameAndVisibility', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($('#document-add-title')).not.toBeNull());
  $<HTMLFormElement>('form[aria-labelledby="document-add-title"]')!.requestSubmit();
  await vi.waitFor(() => expect(text('#field-document-file-error')).toBe('Choose a file'));
  expect(posts('/api/v1/cases/5/documents')).toHaveLength(0);

  await choose(new File(['Rent receipt, March'], 'ricevuta affitto.txt', { type: 'text/plain' }));
  await type('#field-document-visibility', 'her', 'change');
  $<HTMLFormElement>('form[aria-labelledby="document-add-title"]')!.requestSubmit();
  await vi.waitFor(() => expect($$('.documents__list li')).toHaveLength(2));
  const upload = posts('/api/v1/cases/5/documents')[0];
  const query = new URL(upload.url).searchParams;
  expect(query.get('name')).toBe('ricevuta affitto.txt');
  expect(query.get('visibility')).toBe('her');
  expect(upload.headers.get('Content-Type')).toBe('application/octet-stream');
  expect(new TextDecoder().decode(await upload.arrayBuffer())).toBe('Rent receipt, March');
  expect($$('.documents__list li')[0].textContent).toContain('\u2068Text\u2069, \u206819 bytes\u2069');
  expect(text('#documents-title ~ [role=status]'))
    .toBe('\u2068ricevuta affitto.txt\u2069 is uploaded. She can read it too.');
  expect($('#field-document-file-error')).toBeNull();
});

it('AFileTooLarge_OrOfATypeACaseDoesNotKeep_IsSaidAtTheFilesField', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($('#document-add-title')).not.toBeNull());
  await choose(new File(['x'.repeat(2000)], 'scan.pdf'));
  refusal = problem(413);
  $<HTMLFormElement>('form[aria-labelledby="document-add-title"]')!.requestSubmit();
  await vi.waitFor(() => expect(text('#field-document-file-error')).toMatch(/^This file is too large/));
  expect($('#field-document-file')!.getAttribute('aria-invalid')).toBe('true');
  expect($('#field-document-file')!.getAttribute('aria-describedby')).toBe('field-document-file-hint field-document-file-error');
  expect(text('.error-summary a[href="#field-document-file"]')).toMatch(/^File: This file is too large/);

  await choose(new File(['<html></html>'], 'page.html', { type: 'text/html' }));
  refusal = problem(422, [{ field: 'body', code: 'not_allowed', message: 'Not allowed' }]);
  $<HTMLFormElement>('form[aria-labelledby="document-add-title"]')!.requestSubmit();
  await vi.waitFor(() => expect(text('#field-document-file-error')).toMatch(/^A case cannot keep this type of file/));
  expect($$('.documents__list li')).toHaveLength(1);
});

it('TheReadersOwnNote_IsNamedByHerOwnName_AsHerSessionGivesIt', async () => {
  notes = [{ id: 3, case_id: 5, visibility: 'team', text: 'Called the council.', author_user_id: 7, created_at: at }];
  drawn = await draw({ name: 'case', state: { session: exampleSession(['coordinator'], 'Giulia Rossi') },
    draw: () => <CaseScreen id="5" /> }, 'en');
  await vi.waitFor(() => expect($$('.notes__list li')).toHaveLength(1));
  expect(text('.notes__list .timeline__what')).toBe('Note by \u2068Giulia Rossi\u2069 Her team only');
  expect($('#note-add-title')).not.toBeNull();
});

it('AMentorReadsTheNotesAndDocuments_WithoutAFormToAddOne', async () => {
  drawn = await show(['mentor']);
  await vi.waitFor(() => expect($$('.documents__list li')).toHaveLength(1));
  expect($$('.notes__list li')).toHaveLength(2);
  expect($('#note-add-title')).toBeNull();
  expect($('#document-add-title')).toBeNull();
  expect($('.documents__list a[download]')).not.toBeNull();
});
