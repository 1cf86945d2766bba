// Her own view against a stand-in for the server: she reads what changed in her plan, her goals and
// who does each action; she marks hers done (the plan is read again) and asks for help with a few
// words; her appointments say when, where, with whom and in which language, each with a link to add
// it to her calendar; nothing she reads is a message key, in English or in Arabic.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
const at = Date.UTC(2026, 11, 8, 9, 0);
let done: boolean;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function herCase() {
  return {
    case_id: 5, chosen_name: 'Leila', state: 'active', organization_name: '',
    plan: {
      version: 3, agreed_on: '2026-09-01', reviews: ['2027-01-10'], updated_at: at,
      changes: [{ what: 'action_added', domain: 'work', title: 'Write a CV' }],
      goals: [{ id: 1, domain: 'work', statement: 'A job as a cook', target: 'A contract of six months', actions: [
        { id: 11, title: 'Write a CV', owner: 'her', owner_name: '', due_on: '2026-12-20',
          state: done ? 'done' : 'planned', done_at: done ? at : null },
        { id: 12, title: 'Food safety course', owner: 'worker', owner_name: 'Giulia', due_on: '2027-01-15',
          state: 'planned', done_at: null },
        { id: 13, title: 'Interview', owner: 'partner', owner_name: '', due_on: '2027-02-01', state: 'planned',
          done_at: null }] }],
    },
    appointments: [{ id: 21, starts_at: at + 86_400_000, ends_at: at + 86_400_000 + 1_800_000, visit: 'follow_up',
      place_name: '', place_address: 'Via Roma 1, Firenze', time_zone: 'Europe/Rome', worker_name: 'Giulia', interpreter_language: 'ar' }],
    notes: [{ id: 31, text: 'Bring your passport.', created_at: at }],
    documents: [{ id: 41, name: 'Course 2027.pdf', media_type: 'application/pdf', size_bytes: 1200, created_at: at }],
  };
}

async function answer(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/v1/my/cases') return json({ items: [herCase()] });
  if (pathname === '/api/v1/my/actions/11/done' && request.method === 'POST') {
    done = true;
    return json({ id: 11, state: 'done', done_at: at });
  }
  if (pathname === '/api/v1/my/actions/11/help' && request.method === 'POST') return json({ asked: true }, 201);
  return new Response(null, { status: 404 });
}

let draw: typeof drawType;
let keysShown: typeof import('../../core/draw').keysShown;
let MyPlanScreen: typeof import('./MyView').MyPlanScreen;
let MyAppointmentsScreen: typeof import('./MyView').MyAppointmentsScreen;
let exampleSession: typeof import('../../core/examples').exampleSession;

beforeAll(async () => {
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  ({ draw, keysShown } = await import('../../core/draw'));
  ({ MyPlanScreen, MyAppointmentsScreen } = await import('./MyView'));
  ({ exampleSession } = await import('../../core/examples'));
});

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
beforeEach(() => {
  sent.length = 0;
  done = false;
});
afterEach(() => drawn?.remove());

const $ = <E extends Element = HTMLElement>(selector: string) => drawn!.root.querySelector<E>(selector);
const $$ = (selector: string) => [...drawn!.root.querySelectorAll<HTMLElement>(selector)];
const show = (screen: 'plan' | 'appointments', locale = 'en') => draw({
  name: screen, state: { session: exampleSession(['participant']) },
  draw: () => (screen === 'plan' ? <MyPlanScreen /> : <MyAppointmentsScreen />),
}, locale);
const posts = (path: string) => sent.filter((r) => r.method === 'POST' && new URL(r.url).pathname === path);

it('HerPlan_WhatChanged_HerGoals_AndWhoDoesEachAction', async () => {
  drawn = await show('plan');
  await vi.waitFor(() => expect($$('.her__action')).toHaveLength(3));
  expect($('.her__changes li')!.textContent).toBe('Added the action “\u2068Write a CV\u2069” (Work)');
  expect($('.her__goal h2')!.textContent).toBe('Work: A job as a cook');
  const [mine, workers, partners] = $$('.her__action');
  expect(mine.querySelector('.hint')!.textContent).toMatch(/^Who: you · By /);
  expect(workers.querySelector('.hint')!.textContent).toMatch(/^Who: \u2068Giulia\u2069 · By /);
  // A partner the organization's name may not name is "a partner service".
  expect(partners.querySelector('.hint')!.textContent).toMatch(/^Who: a partner service · By /);
  // Only her own action has her buttons.
  expect(mine.querySelectorAll('button')).toHaveLength(2);
  expect(workers.querySelectorAll('button')).toHaveLength(0);
  expect($('.her__notes p[dir=auto]')!.textContent).toBe('Bring your passport.');
  expect($('.her__documents a')!.getAttribute('href')).toBe('/api/v1/my/cases/5/documents/41');
  expect(keysShown(drawn.root)).toEqual([]);
});

it('IDidIt_MarksHerActionDone_AndTheScreenReadsHerPlanAgain', async () => {
  drawn = await show('plan');
  await vi.waitFor(() => expect($$('.her__buttons button')).toHaveLength(2));
  $<HTMLButtonElement>('.her__buttons button')!.click();
  await vi.waitFor(() => expect($('.her__action--done')).not.toBeNull());
  expect(posts('/api/v1/my/actions/11/done')).toHaveLength(1);
  expect($('.her__buttons')).toBeNull();
  expect($('.her__said')!.textContent).toBe('Well done! It is marked as done.');
});

it('INeedHelp_SendsHerWords_AndSaysHerTeamWasTold', async () => {
  drawn = await show('plan');
  await vi.waitFor(() => expect($$('.her__buttons button')).toHaveLength(2));
  $$('.her__buttons button')[1].click();
  await drawn.settle();
  const field = $<HTMLTextAreaElement>('.her__help textarea')!;
  field.value = 'I do not know how to start';
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn.settle();
  $<HTMLFormElement>('.her__help')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await vi.waitFor(() => expect(posts('/api/v1/my/actions/11/help')).toHaveLength(1));
  expect(await posts('/api/v1/my/actions/11/help')[0].clone().json()).toEqual({ message: 'I do not know how to start' });
  await vi.waitFor(() => expect($('.her__said')!.textContent).toBe('Your team has been told. They will help you.'));
  expect($('.her__help')).toBeNull();
});

it('HerAppointments_WhenWhereWithWhom_AndAddToHerCalendar_InArabicToo', async () => {
  drawn = await show('appointments');
  await vi.waitFor(() => expect($$('.her__appointments .card')).toHaveLength(1));
  const card = $('.her__appointments .card')!;
  // 9:00 UTC is ten o'clock in Florence in December.
  expect(card.querySelector('h2')!.textContent).toMatch(/^Wednesday, 9 December 2026 at 10:00$|^Wednesday, December 9, 2026 at 10:00 AM$/);
  expect(card.textContent).toContain('Where: \u2068Via Roma 1, Firenze\u2069');
  expect(card.textContent).toContain('With: \u2068Giulia\u2069');
  expect(card.textContent).toContain('An interpreter will be there (Arabic)');
  const add = card.querySelector('a.button')!;
  expect(add.getAttribute('href')).toBe('/api/v1/my/appointments/21/calendar');
  expect(add.getAttribute('download')).toBe('appointment.ics');
  drawn.remove();
  drawn = await show('appointments', 'ar');
  await vi.waitFor(() => expect($$('.her__appointments .card')).toHaveLength(1));
  expect($('.her__appointments .card')!.textContent).toContain('العربية');
  expect(keysShown(drawn.root)).toEqual([]);
});
