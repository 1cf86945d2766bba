// The case screen against a stand-in for the server that keeps the case's version: a move names
// the version she read (If-Match); when someone else changed the case in between, she is told so
// and reloads it, and the move she then makes names the new version. A move that asks why says so
// at its field; the team changes through its own calls.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
let record: { state: string; version: number };
let team: { user_id: number; display_name: string; role: string }[];
let glass: number;  // when her broken glass ends; 0: not broken
const at = Date.UTC(2026, 2, 14, 9, 30);

const caseNow = () => ({
  id: 5, organization_id: 1, chosen_name: 'Fatou (demo)', code: 'W-AGTC-VA4Z', state: record.state, outcome: null,
  lead: { user_id: 7, display_name: 'Amina Haddad' }, opened_at: at, updated_at: at, etag: `"${record.version}"`,
  team, history: [],
});
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

async function answer(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  // A worker off the team is answered as for a missing case until she breaks the glass.
  const offTeam = !team.some((member) => member.user_id === 7);
  if (offTeam && glass === 0 && /^\/api\/v1\/cases\/5(\/timeline)?$/.test(pathname)) {
    return json({ title: 'Not found', status: 404 }, 404, 'application/problem+json');
  }
  if (pathname === '/api/v1/cases/5/glass' && request.method === 'POST') {
    const body = await request.clone().json();
    if (body.reason.length < 10) {
      return json({ title: 'Invalid', status: 422, errors: [{ field: 'reason', code: 'too_short' }] }, 422,
        'application/problem+json');
    }
    glass = at + 4 * 3_600_000;
    return json({ expires_at: glass }, 201);
  }
  if (pathname === '/api/v1/cases/5' && request.method === 'GET') return json(caseNow());
  if (pathname === '/api/v1/cases/5/teams' || pathname === '/api/v1/teams') return json({ items: [] });
  if (pathname === '/api/v1/cases/5/timeline') {
    return json({ items: [{ id: 1, kind: 'opened', by: { user_id: 7, display_name: 'Amina Haddad' }, at, detail: {} }],
      next_cursor: null });
  }
  if (pathname === '/api/v1/cases/5/moves') {
    if (request.headers.get('If-Match') !== `"${record.version}"`) {
      return json({ title: 'The record has changed since you read it', status: 412 }, 412, 'application/problem+json');
    }
    const body = await request.clone().json();
    record = { state: body.to, version: record.version + 1 };
    return json(caseNow());
  }
  if (pathname === '/api/v1/cases/5/team' && request.method === 'POST') {
    const body = await request.clone().json();
    if (body.user_id === 99) {
      return json({ title: 'Invalid', status: 422, errors: [{ field: 'user_id', code: 'not_found' }] }, 422,
        'application/problem+json');
    }
    team = [...team, { user_id: body.user_id, display_name: 'Bahar', role: body.role }];
    return json({ team });
  }
  if (pathname === '/api/v1/cases/5/team/8' && request.method === 'DELETE') {
    team = team.filter((member) => member.user_id !== 8);
    return json({ team });
  }
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
  record = { state: 'intake', version: 3 };
  glass = 0;
  team = [{ user_id: 7, display_name: 'Amina Haddad', role: 'lead' }, { user_id: 8, display_name: 'Leyla', role: 'member' }];
});
afterEach(() => drawn?.remove());

const text = (selector: string) => drawn!.root.querySelector(selector)?.textContent?.trim();
const button = (label: string) =>
  [...drawn!.root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) as HTMLButtonElement | undefined;
const moves = () => [...drawn!.root.querySelectorAll('.moves button')].map((b) => b.textContent);
const type = async (selector: string, value: string) => {
  const field = drawn!.root.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn!.settle();
};
const show = (roles = ['case_worker'], locale = 'en') =>
  draw({ name: 'case', state: { session: exampleSession(roles) }, draw: () => <CaseScreen id="5" /> }, locale);

it('AStaleMove_IsRefused_SheReloads_AndHerNextMoveNamesTheNewVersion', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(text('h1')).toBe('Fatou (demo)'));
  expect(text('.case__facts .state')).toBe('Intake');
  expect(moves()).toEqual(['Start her project']);
  expect(text('#case-timeline li .timeline__what')).toBe('\u2068Amina Haddad\u2069 opened the case');
  // In the machine's time zone, which may move the hour (and the day), not the minutes of a whole-hour zone.
  expect(text('.timeline time')).toMatch(/^Mar 1[34], 2026, \d{1,2}:30\s?[AP]M$/);

  record = { state: 'active', version: 4 };  // someone else starts her project meanwhile
  button('Start her project')!.click();
  await vi.waitFor(() => expect(text('.stale h2')).toBe('Someone else changed this case'));
  const refused = sent.find((r) => r.method === 'POST')!;
  expect(refused.headers.get('If-Match')).toBe('"3"');
  expect(await refused.json()).toEqual({ to: 'active' });
  expect(document.activeElement?.classList.contains('stale')).toBe(true);
  expect(drawn.root.querySelector('.moves')).toBeNull();

  button('Reload the case')!.click();
  await vi.waitFor(() => expect(text('.case__facts .state')).toBe('Active'));
  expect(drawn.root.querySelector('.stale')).toBeNull();
  expect(text('[role=status].confirmation')).toBe('The case is shown as it is now.');
  expect(moves()).toEqual(['Suspend the case', 'Close the case']);

  button('Suspend the case')!.click();
  await drawn.settle();
  drawn.root.querySelector<HTMLFormElement>('#field-reason')!.form!.requestSubmit();
  await vi.waitFor(() => expect(text('#field-reason-error')).toBe('Say why'));
  expect(drawn.root.querySelector('#field-reason')!.getAttribute('aria-describedby'))
    .toBe('field-reason-hint field-reason-error');
  expect(document.activeElement?.classList.contains('error-summary')).toBe(true);

  await type('#field-reason', 'She is away for a month');
  drawn.root.querySelector<HTMLFormElement>('#field-reason')!.form!.requestSubmit();
  await vi.waitFor(() => expect(text('.case__facts .state')).toBe('Suspended'));
  const made = sent.filter((r) => r.method === 'POST').at(-1)!;
  expect(made.headers.get('If-Match')).toBe('"4"');
  expect(await made.json()).toEqual({ to: 'suspended', reason: 'She is away for a month' });
  expect(text('[role=status].confirmation')).toBe('Done: the case is now Suspended.');
});

it('Closing_AsksHowItEnded_AndWhy', async () => {
  record = { state: 'active', version: 1 };
  drawn = await show();
  await vi.waitFor(() => expect(moves()).toEqual(['Suspend the case', 'Close the case']));
  button('Close the case')!.click();
  await drawn.settle();
  drawn.root.querySelector<HTMLFormElement>('#field-outcome')!.form!.requestSubmit();
  await vi.waitFor(() => expect(text('#field-outcome-error')).toBe('Choose how the case ends'));
  expect(text('#field-reason-error')).toBe('Say why');
  const outcomes = [...drawn.root.querySelectorAll<HTMLOptionElement>('#field-outcome option')].map((o) => o.value);
  expect(outcomes).toEqual(['', 'autonomy_reached', 'referred_elsewhere', 'moved_away', 'withdrew', 'other']);
  expect(sent.some((r) => r.method === 'POST')).toBe(false);
});

it('TheTeam_TakesAMemberOff_AndAnUnknownWorkerIsNamedAtHerField', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(drawn!.root.querySelectorAll('.team li')).toHaveLength(2));
  // The lead stays: only the member has a button to take her off.
  expect(drawn.root.querySelectorAll('.team li button')).toHaveLength(1);
  expect(drawn.root.querySelector('.team li button')!.textContent).toBe('Take off the team (\u2068Leyla\u2069)');
  (drawn.root.querySelector('.team li button') as HTMLButtonElement).click();
  await vi.waitFor(() => expect(drawn!.root.querySelectorAll('.team li')).toHaveLength(1));
  expect(sent.some((r) => r.method === 'DELETE' && r.url.endsWith('/api/v1/cases/5/team/8'))).toBe(true);

  await type('#field-user_id', '99');
  drawn.root.querySelector<HTMLFormElement>('#field-user_id')!.form!.requestSubmit();
  await vi.waitFor(() => expect(text('#field-user_id-error')).toBe('This does not exist'));

  await type('#field-user_id', '12');
  drawn.root.querySelector<HTMLFormElement>('#field-user_id')!.form!.requestSubmit();
  await vi.waitFor(() => expect(drawn!.root.querySelectorAll('.team li')).toHaveLength(2));
  const added = sent.filter((r) => r.method === 'POST').at(-1)!;
  expect(await added.json()).toEqual({ user_id: 12, role: 'member' });
});

it('AMentor_ReadsTheCase_WithoutMovesOrTeamChanges', async () => {
  drawn = await show(['mentor']);
  await vi.waitFor(() => expect(text('h1')).toBe('Fatou (demo)'));
  expect(drawn.root.querySelector('.moves')).toBeNull();
  expect(drawn.root.querySelector('#field-user_id')).toBeNull();
  expect(drawn.root.querySelectorAll('.team li button')).toHaveLength(0);
});

it('InArabic_TheDatesAndWordsAreArabic', async () => {
  drawn = await show(['case_worker'], 'ar');
  await vi.waitFor(() => expect(text('.case__facts .state')).toBe('استقبال'));
  expect(text('.timeline time')).toMatch(/[\u0660-\u0669]|مارس/);
  expect(button('بدء مشروعها')).toBeDefined();
});

it('OffTheTeam_NotFound_SheBreaksTheGlassWithAReason_AndReadsTheCaseWithoutMovingIt', async () => {
  team = [{ user_id: 8, display_name: 'Leyla', role: 'lead' }];
  drawn = await show();
  await vi.waitFor(() => expect(drawn!.root.querySelector('summary#glass-title')).not.toBeNull());
  expect(drawn.root.querySelector('.case__facts')).toBeNull();
  await type('#field-reason', 'Now');
  drawn.root.querySelector<HTMLFormElement>('form[aria-labelledby="glass-title"]')!
    .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await vi.waitFor(() => expect(drawn!.root.querySelector('#field-reason-error')).not.toBeNull());
  expect(glass).toBe(0);
  await type('#field-reason', 'She is at the desk and her worker is away');
  drawn.root.querySelector<HTMLFormElement>('form[aria-labelledby="glass-title"]')!
    .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await vi.waitFor(() => expect(text('h1')).toBe('Fatou (demo)'));
  expect(text('.callout[role=status]')).toMatch(/^You read this case through the glass until /);
  expect(moves()).toEqual([]);
  expect(drawn.root.querySelector('summary#glass-title')).toBeNull();
});

it('ACoordinator_MissingCase_IsOfferedNoGlass', async () => {
  team = [{ user_id: 8, display_name: 'Leyla', role: 'lead' }];
  drawn = await show(['coordinator']);
  await vi.waitFor(() => expect(drawn!.root.querySelector('.error-summary')).not.toBeNull());
  expect(drawn.root.querySelector('summary#glass-title')).toBeNull();
});
