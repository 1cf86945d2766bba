// Her plan on the case screen, against a stand-in for the server that keeps the plan's version:
// it is agreed with the version read (If-Match), a worker of her team owning an action; a refusal
// is said at the field of the action it names; a plan someone else changed meanwhile (412) is
// said as for a move; an action is marked done with the plan's version; and a mentor reads the
// plan without a form or a button to change it.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
const at = Date.UTC(2026, 2, 14, 9, 30);
type Stored = { version: number; recorded: boolean; agreed_on: string | null; goals: unknown[] };
let plan: Stored;
let refusal: { field: string; code: string } | null;

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const problem = (status: number, errors: unknown[] = []) =>
  json({ title: 'Problem', status, errors }, status, 'application/problem+json');
const planNow = () => ({ case_id: 5, reviews: [], updated_by: 7, updated_by_name: 'Amina Haddad', updated_at: at,
  ...plan, etag: `"${plan.version}"` });
const action = { id: 21, title: 'Enrol in the A2 course', owner: 'her', owner_user_id: null,
  owner_organization_id: null, owner_name: '', due_on: '2026-05-01', state: 'planned', done_at: null };
const agreed = (): Stored => ({ version: 2, recorded: true, agreed_on: '2026-03-02', goals: [{ id: 11, domain: 'language',
  statement: 'Speak Italian at the doctor', target: '', target_score: null, actions: [action] }] });

async function answer(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/v1/cases/5') {
    return json({ id: 5, organization_id: 1, chosen_name: 'Amina (demo)', code: 'W-AGTC-VA4Z', state: 'active',
      outcome: null, lead: { user_id: 7, display_name: 'Amina Haddad' }, opened_at: at, updated_at: at, etag: '"1"',
      team: [{ user_id: 7, display_name: 'Amina Haddad', role: 'lead' }, { user_id: 8, display_name: 'Leyla', role: 'member' }],
      history: [], referral: null });
  }
  if (pathname === '/api/v1/cases/5/timeline') return json({ items: [], next_cursor: null });
  if (pathname === '/api/v1/cases/5/assessments') return json({ items: [], progress: [] });
  if (pathname === '/api/v1/cases/5/plan/versions') {
    return json({ items: plan.recorded ? [{ version: plan.version, at, by_user_id: 7, by_name: 'Amina Haddad',
      changes: [], plan: planNow() }] : [] });
  }
  if (pathname === '/api/v1/cases/5/plan') {
    if (request.method === 'PUT') {
      if (request.headers.get('If-Match') !== `"${plan.version}"`) return problem(412);
      if (refusal) return problem(422, [refusal]);
      const body = await request.clone().json();
      plan = { version: plan.version + 1, recorded: true, agreed_on: body.agreed_on,
        goals: body.goals.map((goal: { actions: object[] }, g: number) => ({ id: 11 + g, target_score: null, ...goal,
          actions: goal.actions.map((step, a) => ({ ...action, id: 21 + a, ...step, owner_name: 'Leyla' })) })) };
    }
    return json(planNow());
  }
  if (pathname === '/api/v1/plan-actions/21/state') {
    if (request.headers.get('If-Match') !== `"${plan.version}"`) return problem(412);
    const body = await request.clone().json();
    plan = { ...plan, version: plan.version + 1,
      goals: [{ ...(plan.goals[0] as object), actions: [{ ...action, state: body.state }] }] };
    return json(planNow());
  }
  if (/^\/api\/v1\/cases\/5\/(profile|safe-contact|sensitive)$/.test(pathname)) return problem(404);
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
  plan = { version: 1, recorded: false, agreed_on: null, goals: [] };
  refusal = null;
});
afterEach(() => drawn?.remove());

const $ = <E extends Element = HTMLElement>(selector: string) => drawn!.root.querySelector<E>(selector);
const text = (selector: string) => $(selector)?.textContent?.trim();
const button = (label: string) =>
  [...drawn!.root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) as HTMLButtonElement;
const type = async (selector: string, value: string, event = 'input') => {
  const field = $<HTMLInputElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event(event, { bubbles: true }));
  await drawn!.settle();
};
const click = async (label: string) => {
  button(label).click();
  await drawn!.settle();
};
const submit = () => $<HTMLFormElement>('form[aria-labelledby="plan-title"]')!.requestSubmit();
const puts = () => sent.filter((r) => r.method === 'PUT');
const show = (roles = ['case_worker']) =>
  draw({ name: 'case', state: { session: exampleSession(roles) }, draw: () => <CaseScreen id="5" /> }, 'en');

// A goal in housing with one action, owned by Leyla of her team.
async function fillGoal() {
  await vi.waitFor(() => expect(text('#plan-none')).toBe('No plan is agreed with her yet.'));
  await click('Add a goal');
  await type('[id="field-goals.0.domain"]', 'housing', 'change');
  await type('[id="field-goals.0.statement"]', ' A flat of her own ');
  await click('Add an action to goal 1');
  await type('[id="field-goals.0.actions.0.title"]', 'Call the council');
  await type('[id="field-goals.0.actions.0.owner"]', 'worker:8', 'change');
}

it('APlanIsAgreedWithTheVersionRead_AWorkerOfHerTeamOwningAnAction', async () => {
  drawn = await show();
  await fillGoal();
  submit();
  await vi.waitFor(() => expect(text('.plan__goal h3')).toBe('Housing: A flat of her own'));
  expect(puts()[0].headers.get('If-Match')).toBe('"1"');
  const body = await puts()[0].json();
  expect(body.goals[0]).toEqual({ domain: 'housing', statement: 'A flat of her own', target: '',
    actions: [{ title: 'Call the council', owner: 'worker', owner_user_id: 8, due_on: body.agreed_on, state: 'planned' }] });
  expect(text('.plan__actions li')).toContain('\u2068Leyla\u2069, by');
  expect(text('section[aria-labelledby="plan-title"] > [role=status]')).toBe('The plan is saved.');
  expect($<HTMLDetailsElement>('details:has(#plan-show)')!.open).toBe(false);
  await vi.waitFor(() => expect(text('#plan-versions-title')).toBe('Its versions (1)'));
  // The case's timeline is read again, for the event of her plan.
  expect(sent.filter((r) => r.url.endsWith('/api/v1/cases/5/timeline'))).toHaveLength(2);
});

it('ARefusedOwner_IsSaidAtTheOwnerOfItsAction_AndInTheSummary', async () => {
  drawn = await show();
  await fillGoal();
  refusal = { field: 'goals.0.actions.0.owner_user_id', code: 'not_found' };
  submit();
  const gone = 'This person is not on her team any more: choose someone else';
  await vi.waitFor(() => expect(text('[id="field-goals.0.actions.0.owner-error"]')).toBe(gone));
  expect($('[id="field-goals.0.actions.0.owner"]')!.getAttribute('aria-invalid')).toBe('true');
  expect(text('#plan-errors-title')).toBe('There is a problem');
  expect(text('.error-summary a[href="#field-goals.0.actions.0.owner"]')).toBe(`Goal 1, action 1: Who does it: ${gone}`);

  // An empty statement is named before anything is sent.
  await type('[id="field-goals.0.statement"]', ' ');
  const before = puts().length;
  submit();
  await vi.waitFor(() => expect(text('[id="field-goals.0.statement-error"]')).toBe('This is required'));
  expect(puts()).toHaveLength(before);
});

it('APlanSomeoneElseChangedMeanwhile_IsSaid_AndReadAgain', async () => {
  drawn = await show();
  await fillGoal();
  plan = agreed();  // her colleague agrees a plan meanwhile
  submit();
  await vi.waitFor(() => expect(text('.stale h2')).toBe('Someone else changed this case'));
  await click('Reload the case');
  await vi.waitFor(() => expect(text('.plan__goal h3')).toBe('Language: Speak Italian at the doctor'));
  expect(puts()).toHaveLength(1);
});

it('AnActionIsMarkedDone_WithThePlansVersion', async () => {
  plan = agreed();
  drawn = await show();
  await vi.waitFor(() => expect(text('.plan__actions .state')).toBe('Planned'));
  $<HTMLButtonElement>('.plan__actions button')!.click();
  await vi.waitFor(() => expect(text('.plan__actions .state')).toBe('Done'));
  const moved = sent.find((r) => r.url.endsWith('/api/v1/plan-actions/21/state'))!;
  expect(moved.headers.get('If-Match')).toBe('"2"');
  expect(await moved.json()).toEqual({ state: 'done' });
  expect($('.plan__actions button')).toBeNull();
  expect(text('section[aria-labelledby="plan-title"] > [role=status]'))
    .toBe('Done: \u2068Enrol in the A2 course\u2069 is marked done.');
  expect($('a[download]')!.getAttribute('href')).toBe('/api/v1/cases/5/plan.pdf');
});

it('AMentorReadsThePlan_WithoutAFormOrAButtonToChangeIt', async () => {
  plan = agreed();
  drawn = await show(['mentor']);
  await vi.waitFor(() => expect(text('.plan__actions .state')).toBe('Planned'));
  expect($('form[aria-labelledby="plan-title"]')).toBeNull();
  expect($('#plan-show')).toBeNull();
  expect($('.plan__actions button')).toBeNull();
});
