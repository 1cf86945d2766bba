// The deadlines of her case, against a stand-in for the server: listed with the day each falls due
// (one past its day stands out) and the documents it needs; her worker adds one (a missing day is
// named before anything is sent; the documents are one per line) and marks one done, with its
// version; the organization's screen links each to its case.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
type Stored = Record<string, unknown>;
let deadlines: Stored[];
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const permit = { id: 3, case_id: 5, case_code: 'W-1', chosen_name: 'Leila', kind: 'residence_permit', title: 'Renewal',
  due_on: '2026-11-20', documents: ['Passport', 'Photos'], done_at: null, overdue: true, etag: '"1"' };

async function answer(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/v1/cases/5/deadlines') {
    if (request.method === 'POST') {
      const body = await request.clone().json();
      const added = { ...permit, id: 4, title: '', documents: [], overdue: false, ...body };
      deadlines = [...deadlines, added];
      return json(added, 201);
    }
    return json({ items: deadlines });
  }
  if (pathname === '/api/v1/organizations/1/deadlines') return json({ items: deadlines, next_cursor: null });
  if (pathname === '/api/v1/deadlines/3/done') {
    deadlines = deadlines.map((d) => (d.id === 3 ? { ...d, done_at: Date.UTC(2026, 11, 3), etag: '"2"' } : d));
    return json(deadlines[0]);
  }
  return new Response(null, { status: 404 });
}

let draw: typeof drawType;
let panel: typeof import('./DeadlinesPanel');
let exampleSession: typeof import('../../core/examples').exampleSession;
beforeAll(async () => {
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  ({ draw } = await import('../../core/draw'));
  panel = await import('./DeadlinesPanel');
  ({ exampleSession } = await import('../../core/examples'));
});

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
beforeEach(() => {
  sent.length = 0;
  deadlines = [permit];
});
afterEach(() => drawn?.remove());
const $ = <E extends Element = HTMLElement>(selector: string) => drawn!.root.querySelector<E>(selector);
const type = async (selector: string, value: string) => {
  const field = $<HTMLInputElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn!.settle();
};
const submit = () => $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
const show = () => draw({ name: 'deadlines', draw: () => (
  <panel.DeadlinesPanel caseId="5" readAt={1} writes onChanged={() => {}} />) }, 'en');

it('Listed_WithTheirDayAndDocuments_OnePastItsDayStandsOut', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($('.deadline')).not.toBeNull());
  expect($('.deadline .team__name')!.textContent).toBe('Residence permit: \u2068Renewal\u2069');
  expect($('.deadline .state--suspended')!.textContent).toMatch(/^Past its day: /);
  expect($('.deadline .hint')!.textContent).toBe('Needs: \u2068Passport\u2069 and \u2068Photos\u2069');
});

it('Added_WithItsDocumentsOnePerLine_AndAMissingDayIsNamedFirst', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($('.deadline')).not.toBeNull());
  submit();
  await drawn.settle();
  expect($('#field-due_on-error')!.textContent).toBe('Enter the day it falls due');
  expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
  await type('#field-due_on', '2027-01-15');
  const documents = $<HTMLTextAreaElement>('#field-documents')!;
  documents.value = 'Enrolment form\n\n  Vaccination record ';
  documents.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn.settle();
  submit();
  await vi.waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1));
  expect(await sent.find((r) => r.method === 'POST')!.clone().json()).toEqual({ kind: 'residence_permit',
    due_on: '2027-01-15', documents: ['Enrolment form', 'Vaccination record'] });
  await vi.waitFor(() => expect(drawn!.root.querySelectorAll('.deadline')).toHaveLength(2));
});

it('MarkedDone_WithItsVersion', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($('.deadline button')).not.toBeNull());
  $<HTMLButtonElement>('.deadline button')!.click();
  await vi.waitFor(() => expect($('.deadline .state--active')).not.toBeNull());
  const done = sent.find((r) => new URL(r.url).pathname === '/api/v1/deadlines/3/done')!;
  expect(done.headers.get('If-Match')).toBe('"1"');
  expect($('.deadline button')).toBeNull();
});

it('TheOrganizationsScreen_LinksEachToItsCase', async () => {
  drawn = await draw({ name: 'org-deadlines', state: { session: exampleSession(['case_worker']) },
    draw: () => <panel.DeadlinesScreen /> }, 'en');
  await vi.waitFor(() => expect($('.deadline a')).not.toBeNull());
  expect($('.deadline a')!.getAttribute('href')).toBe('/cases/5');
  expect($('.deadline button')).toBeNull();
  const asked = () => sent.filter((r) => new URL(r.url).pathname === '/api/v1/organizations/1/deadlines')
    .map((r) => new URL(r.url).searchParams.get('due_before'));
  // Within a month by default; past their day only: before today.
  const day = (days: number) => { const d = new Date(Date.now() + days * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };
  expect(asked()).toEqual([day(31)]);
  const within = $<HTMLSelectElement>('#field-within')!;
  within.value = '0';
  within.dispatchEvent(new Event('change', { bubbles: true }));
  await vi.waitFor(() => expect(asked()).toHaveLength(2));
  expect(asked()[1]).toBe(day(0));
});
