// The caseload against a stand-in for the server: it asks for the filters she chose (her search,
// a state, only her own cases by her user id), shows the next page on asking for more with the
// cursor the server gave, and taking on a walk-in opens her new case.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
const summary = (id: number, name: string) => ({
  id, organization_id: 1, chosen_name: name, code: `W-${id}`, state: 'active', outcome: null,
  lead: { user_id: 7, display_name: 'Amina Haddad' }, account_user_id: null, opened_at: 0, updated_at: 86_400_000,
  etag: '"1"', next_appointment_at: id === 1 ? Date.UTC(2026, 11, 9, 9) : null, overdue_actions: id === 1 ? 2 : 0,
});

// The answers that the test holds back, to hand over later (an answer that arrives late).
const held: { search: string; release: () => void }[] = [];
let holding = false;

async function answer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (holding && request.method === 'GET') {
    await new Promise<void>((release) => held.push({ search: url.search, release }));
  }
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  if (url.pathname === '/api/v1/organizations/1/cases' && request.method === 'POST') {
    const body = await request.clone().json();
    if (body.chosen_name === 'Taken') {
      return new Response(JSON.stringify({ title: 'Invalid', status: 422, errors: [{ field: 'chosen_name', code: 'too_long' }] }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } });
    }
    return json({ ...summary(42, body.chosen_name), state: 'intake' }, 201);
  }
  if (url.pathname === '/api/v1/organizations/1/cases') {
    if (url.searchParams.get('cursor') === 'page-2') return json({ items: [summary(2, 'Fatou')], next_cursor: null });
    if (url.searchParams.get('q') === 'ros') return json({ items: [summary(3, 'Rosa')], next_cursor: null });
    return json({ items: [summary(1, 'Amina')], next_cursor: 'page-2' });
  }
  return new Response(null, { status: 404 });
}

let draw: typeof drawType;
let Caseload: typeof import('./Caseload').Caseload;
let exampleSession: typeof import('../../core/examples').exampleSession;

beforeAll(async () => {
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  ({ draw } = await import('../../core/draw'));
  ({ Caseload } = await import('./Caseload'));
  ({ exampleSession } = await import('../../core/examples'));
});

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
beforeEach(() => {
  history.replaceState(null, '', '/caseload');
  sent.length = 0;
});
afterEach(() => drawn?.remove());

const names = (root: Element) => [...root.querySelectorAll('.case-card__name')].map((a) => a.textContent?.trim());
const lists = () => sent.filter((r) => r.method === 'GET').map((r) => new URL(r.url).searchParams);
const button = (root: Element, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;
// Types into a field and lets the screen draw what she typed, as it would before her next action.
const type = async (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn!.settle();
};

it('Caseload_ComesAPageAtATime_WithTheFiltersSheChose', async () => {
  drawn = await draw({ name: 'caseload', state: { session: exampleSession(['case_worker']) }, draw: () => <Caseload /> });
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Amina']));
  expect(drawn.root.querySelector('.case-card')!.textContent).toContain('W-1');
  expect(drawn.root.querySelector('.case-card .state')!.textContent).toBe('Active');

  button(drawn.root, 'Show more cases')!.click();
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Amina', 'Fatou']));
  expect(lists().at(-1)!.get('cursor')).toBe('page-2');
  expect(button(drawn.root, 'Show more cases')).toBeUndefined();
  expect(drawn.root.querySelector('[role=status].count')!.textContent).toBe('2 cases shown');

  await type(drawn.root.querySelector<HTMLInputElement>('#field-q')!, ' fat ');
  drawn.root.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit();
  await vi.waitFor(() => expect(lists().at(-1)!.get('q')).toBe('fat'));
  expect(lists().at(-1)!.has('cursor')).toBe(false);

  const state = drawn.root.querySelector<HTMLSelectElement>('#field-state')!;
  state.value = 'suspended';
  state.dispatchEvent(new Event('change', { bubbles: true }));
  await vi.waitFor(() => expect(lists().at(-1)!.get('state')).toBe('suspended'));
  expect(lists().at(-1)!.get('q')).toBe('fat');
  expect(lists().at(-1)!.has('worker_id')).toBe(false);

  drawn.root.querySelector<HTMLInputElement>('#field-mine')!.click();
  await vi.waitFor(() => expect(lists().at(-1)!.get('worker_id')).toBe('7'));
  expect(location.search).toBe('?q=fat&state=suspended&mine=1');
});

it('Filters_AreReadFromTheAddress_WhenSheComesBack', async () => {
  history.replaceState(null, '', '/caseload?q=ros&state=closed&mine=1');
  drawn = await draw({ name: 'caseload', state: { session: exampleSession(['coordinator']) }, draw: () => <Caseload /> });
  await vi.waitFor(() => expect(lists()).toHaveLength(1));
  expect(Object.fromEntries(lists()[0])).toEqual({ limit: '20', q: 'ros', state: 'closed', worker_id: '7' });
  expect(drawn.root.querySelector<HTMLInputElement>('#field-q')!.value).toBe('ros');
  expect(drawn.root.querySelector<HTMLInputElement>('#field-mine')!.checked).toBe(true);
});

it('DomainOverdueAndNextAppointment_AreFiltersOfTheAddress_AndEachRowSaysThem', async () => {
  history.replaceState(null, '', '/caseload?domain=housing&overdue=1&appointment_before=2026-12-31');
  drawn = await draw({ name: 'caseload', state: { session: exampleSession(['case_worker']) }, draw: () => <Caseload /> });
  await vi.waitFor(() => expect(lists()).toHaveLength(1));
  expect(Object.fromEntries(lists()[0])).toEqual({ limit: '20', domain: 'housing', overdue_actions: 'true',
    appointment_before: '2026-12-31' });
  expect(drawn.root.querySelector<HTMLSelectElement>('#field-domain')!.value).toBe('housing');
  expect(drawn.root.querySelector<HTMLInputElement>('#field-overdue')!.checked).toBe(true);
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Amina']));
  const facts = drawn.root.querySelector('.case-card__facts')!.textContent!;
  expect(facts).toContain('Next appointment: ');
  expect(facts).toContain('2 actions past their day');

  drawn.root.querySelector<HTMLInputElement>('#field-overdue')!.click();
  await vi.waitFor(() => expect(lists().at(-1)!.has('overdue_actions')).toBe(false));
  expect(location.search).toBe('?domain=housing&appointment_before=2026-12-31');
});

it('WalkIn_OpensHerCase_AndAMissingNameIsNamedAtTheField', async () => {
  drawn = await draw({ name: 'caseload', state: { session: exampleSession(['case_worker']) }, draw: () => <Caseload /> });
  const form = drawn.root.querySelector<HTMLFormElement>('#field-chosen_name')!.form!;
  form.requestSubmit();
  await vi.waitFor(() => expect(drawn!.root.querySelector('#field-chosen_name-error')?.textContent)
    .toBe('Enter the name she chose'));
  expect(document.activeElement?.classList.contains('error-summary')).toBe(true);
  expect(drawn.root.querySelector('#field-chosen_name')!.getAttribute('aria-describedby')).toContain('field-chosen_name-error');

  await type(drawn.root.querySelector<HTMLInputElement>('#field-chosen_name')!, 'Taken');
  form.requestSubmit();
  await vi.waitFor(() => expect(drawn!.root.querySelector('#field-chosen_name-error')?.textContent)
    .toBe('This is too long'));

  await type(drawn.root.querySelector<HTMLInputElement>('#field-chosen_name')!, 'Zahra');
  form.requestSubmit();
  await vi.waitFor(() => expect(location.pathname).toBe('/cases/42'));
  const posted = sent.filter((r) => r.method === 'POST').at(-1)!;
  expect(await posted.json()).toEqual({ chosen_name: 'Zahra' });
});

it('AMentor_ReadsTheCaseload_ButTakesNoOneOn', async () => {
  drawn = await draw({ name: 'caseload', state: { session: exampleSession(['mentor']) }, draw: () => <Caseload /> });
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Amina']));
  expect(drawn.root.querySelector('#field-chosen_name')).toBeNull();
});

it('AnEarlierAnswerThatArrivesLate_DoesNotReplaceTheSearchResult', async () => {
  holding = true;
  drawn = await draw({ name: 'caseload', state: { session: exampleSession(['case_worker']) }, draw: () => <Caseload /> });
  await vi.waitFor(() => expect(held).toHaveLength(1));
  await type(drawn.root.querySelector<HTMLInputElement>('#field-q')!, 'ros');
  drawn.root.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit();
  await vi.waitFor(() => expect(held).toHaveLength(2));
  held[1].release();  // the search answers first
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Rosa']));
  held[0].release();  // then the whole caseload, asked for before the search
  await new Promise((done) => setTimeout(done, 50));
  await drawn.settle();
  expect(names(drawn.root)).toEqual(['Rosa']);
  holding = false;
  held.length = 0;
});

it('SomeoneWhoFollowsNoWoman_IsToldSo_AndNothingIsAsked', async () => {
  drawn = await draw({ name: 'caseload', state: { session: exampleSession(['org_admin']) }, draw: () => <Caseload /> });
  await drawn.settle();
  expect(drawn.root.querySelector('.lead')!.textContent).toContain('your roles do not');
  expect(drawn.root.querySelector('form')).toBeNull();
  expect(sent).toHaveLength(0);
});
