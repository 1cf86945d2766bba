// The referral inbox against a stand-in for the server: the urgent referral first and marked in
// words, who referred each woman and why; a decline asks why before anything is sent; accepting
// opens her case; a referral answered meanwhile (409) is said in her language and the list read
// again; the other tab shows the referrals sent, with their answer and its reason.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
const at = Date.UTC(2026, 2, 14, 9, 30);
let answered: number[];
let conflict: boolean;

const referral = (id: number, over: Record<string, unknown>) => ({
  id, case_id: 40 + id, from_organization: { id: 2, name: 'Caritas Prato' }, to_organization: { id: 1, name: 'Empoli' },
  referred_by: { user_id: 9, display_name: 'Marta Rossi' }, referrer: null, chosen_name: `Woman ${id}`,
  reason: `Reason ${id}`, urgency: 'routine', consent_method: 'paper', consent_at: at, state: 'pending',
  answered_by: null, answered_at: null, answer: null, created_at: at, ...over,
});
const received = () => [
  referral(1, { chosen_name: 'Fatou', reason: 'Looking for a course' }),
  referral(2, { chosen_name: 'Amina', urgency: 'urgent', referred_by: null, from_organization: null,
    referrer: { name: 'Giulia Bianchi', organization: 'Family health centre', contact: '+39 0571 000000' },
    consent_method: 'verbal' }),
].filter((r) => !answered.includes(r.id));
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

async function answer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === '/api/v1/organizations/1/referrals') {
    if (url.searchParams.get('box') === 'sent') {
      return json({ items: [referral(7, { chosen_name: 'Oksana', to_organization: { id: 3, name: 'Casa delle donne' },
        state: 'declined', answer: 'No place until June', answered_at: at })], next_cursor: null });
    }
    return json({ items: received(), next_cursor: null });
  }
  const answering = /^\/api\/v1\/referrals\/(\d+)\/answer$/.exec(url.pathname);
  if (answering) {
    const id = Number(answering[1]);
    if (conflict) {
      answered.push(id);
      return json({ title: 'Conflict', status: 409, detail: 'answered' }, 409, 'application/problem+json');
    }
    const body = await request.clone().json();
    answered.push(id);
    return json(referral(id, { state: body.decision === 'accept' ? 'accepted' : 'declined' }));
  }
  return new Response(null, { status: 404 });
}

let draw: typeof drawType;
let Referrals: typeof import('./Referrals').Referrals;
let exampleSession: typeof import('../../core/examples').exampleSession;

beforeAll(async () => {
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  ({ draw } = await import('../../core/draw'));
  ({ Referrals } = await import('./Referrals'));
  ({ exampleSession } = await import('../../core/examples'));
});

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
beforeEach(() => {
  sent.length = 0;
  answered = [];
  conflict = false;
  history.replaceState(null, '', '/referrals');
});
afterEach(() => drawn?.remove());

const cards = () => [...drawn!.root.querySelectorAll('.referral-card')];
const names = () => cards().map((card) => card.querySelector('h2 bdi')!.textContent);
const within = (card: Element, label: string) =>
  [...card.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) as HTMLButtonElement;
const show = (roles = ['case_worker'], locale = 'en') =>
  draw({ name: 'referrals', state: { session: exampleSession(roles) }, draw: () => <Referrals /> }, locale);

it('TheUrgentReferralComesFirst_MarkedInWords_WithWhoReferredHerAndWhy', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(names()).toEqual(['Amina', 'Fatou']));
  const asked = new URL(sent[0].url);
  expect(Object.fromEntries(asked.searchParams)).toEqual({ box: 'received', state: 'pending' });
  const [amina, fatou] = cards();
  expect(amina.classList.contains('referral-card--urgent')).toBe(true);
  expect(amina.querySelector('h2')!.textContent).toContain('Urgent');
  const facts = amina.querySelector('.referral__facts')!.textContent;
  expect([...amina.querySelectorAll('.referral__facts div:first-child dd > span')].map((line) => line.textContent))
    .toEqual(['Giulia Bianchi', 'Family health centre', '+39 0571 000000']);
  expect(facts).toContain('+39 0571 000000');
  expect(facts).toContain('Spoken (by phone or in person), on Mar 14, 2026');
  expect([...fatou.querySelectorAll('.referral__facts div:first-child dd > span')].map((line) => line.textContent).slice(0, 2))
    .toEqual(['Marta Rossi', 'Caritas Prato']);
  expect(fatou.querySelector('h2')!.textContent).not.toContain('Urgent');
  expect(drawn.root.querySelector('[role=status].count')!.textContent).toBe('2 referrals shown');
});

it('DecliningAsksWhyFirst_ThenSendsTheReason_AndTheListIsReadAgain', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(cards()).toHaveLength(2));
  within(cards()[1], 'Decline').click();
  await drawn.settle();
  cards()[1].querySelector('form')!.requestSubmit();
  await vi.waitFor(() => expect(cards()[1].querySelector('#field-reason-1-error')?.textContent).toBe('Say why you decline'));
  expect(sent.some((r) => r.method === 'POST')).toBe(false);
  expect(document.activeElement?.classList.contains('error-summary')).toBe(true);

  const reason = cards()[1].querySelector<HTMLTextAreaElement>('#field-reason-1')!;
  reason.value = '  No place until June ';
  reason.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn.settle();
  cards()[1].querySelector('form')!.requestSubmit();
  await vi.waitFor(() => expect(names()).toEqual(['Amina']));
  expect(drawn.root.querySelector('[role=status].confirmation')!.textContent)
    .toBe('Declined: the referral of \u2068Fatou\u2069 is closed, and the referrer reads your reason.');
  const posted = sent.find((r) => r.method === 'POST')!;
  expect(new URL(posted.url).pathname).toBe('/api/v1/referrals/1/answer');
  expect(await posted.json()).toEqual({ decision: 'decline', reason: 'No place until June' });
});

it('Accepting_NamesTheLeadSheTyped_AndOpensHerCase', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(cards()).toHaveLength(2));
  within(cards()[0], 'Accept').click();
  await drawn.settle();
  const lead = cards()[0].querySelector<HTMLInputElement>('#field-lead_user_id-2')!;
  lead.value = 'Marta';
  lead.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn.settle();
  cards()[0].querySelector('form')!.requestSubmit();
  await vi.waitFor(() => expect(cards()[0].querySelector('#field-lead_user_id-2-error')?.textContent)
    .toBe('Enter the number of her account, in figures'));
  lead.value = '12';
  lead.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn.settle();
  cards()[0].querySelector('form')!.requestSubmit();
  await vi.waitFor(() => expect(location.pathname).toBe('/cases/42'));
  expect(await sent.find((r) => r.method === 'POST')!.json()).toEqual({ decision: 'accept', lead_user_id: 12 });
});

it('AReferralAnsweredMeanwhile_IsSaid_AndTheListReadAgain', async () => {
  conflict = true;
  drawn = await show(['coordinator']);
  await vi.waitFor(() => expect(cards()).toHaveLength(2));
  within(cards()[0], 'Accept').click();
  await drawn.settle();
  cards()[0].querySelector('form')!.requestSubmit();
  await vi.waitFor(() => expect(names()).toEqual(['Fatou']));
  expect(drawn.root.querySelector('[role=status].confirmation')!.textContent)
    .toBe('Someone else answered this referral meanwhile. The list is shown as it is now.');
  expect(location.pathname).toBe('/referrals');
});

it('TheSentTab_ShowsWhereSheWasReferred_AndTheAnswerWithItsReason', async () => {
  history.replaceState(null, '', '/referrals?box=sent');
  drawn = await show();
  await vi.waitFor(() => expect(names()).toEqual(['Oksana']));
  expect(new URL(sent[0].url).searchParams.get('box')).toBe('sent');
  expect(new URL(sent[0].url).searchParams.has('state')).toBe(false);
  const facts = cards()[0].querySelector('.referral__facts')!.textContent;
  expect(facts).toContain('Casa delle donne');
  expect(facts).toContain('Declined');
  expect(facts).toContain('No place until June');
  expect(cards()[0].querySelector('.answer')).toBeNull();
  expect(drawn.root.querySelector('.tabs a[aria-current=page]')!.getAttribute('href')).toBe('/referrals?box=sent');
});

it('InArabic_TheInboxSpeaksArabic', async () => {
  drawn = await show(['case_worker'], 'ar');
  await vi.waitFor(() => expect(cards()).toHaveLength(2));
  expect(cards()[0].querySelector('h2')!.textContent).toContain('عاجلة');
  expect(within(cards()[0], 'قبول')).toBeDefined();
});

it('SomeoneWhoDoesNotTakeWomenOn_IsToldSo', async () => {
  drawn = await show(['mentor']);
  await drawn.settle();
  expect(drawn.root.querySelector('.lead')!.textContent).toContain('Case workers and coordinators answer');
  expect(sent).toHaveLength(0);
});
