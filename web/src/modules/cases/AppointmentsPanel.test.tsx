// Her appointments on the case screen, against a stand-in for the server: listed with the day and
// hour as the clock reads at the place, the kind of visit, her worker and her interpreter; her case
// worker books the next one at a free time of a day, with an interpreter in the language she
// needs; an occupied time the server refuses is said; she records that the woman came.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
const at = Date.UTC(2026, 11, 9, 9, 0);  // ten o'clock in Florence
type Stored = Record<string, unknown>;
let appointments: Stored[];
let occupied: boolean;

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

async function answer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const { pathname } = url;
  if (pathname === '/api/v1/organizations/1/places') {
    return json({ items: [{ id: 2, organization_id: 1, name: 'Sportello Donne', address: 'Via Roma 1',
      time_zone: 'Europe/Rome', hours: [] }] });
  }
  if (pathname === '/api/v1/organizations/1/interpreters') {
    return json({ items: [{ id: 4, organization_id: 1, name: 'Samira', languages: ['ar', 'fr'], contact: '' }] });
  }
  if (pathname === '/api/v1/places/2/slots') {
    return json({ items: [{ starts_at: at, ends_at: at + 1_800_000 }, { starts_at: at + 1_800_000, ends_at: at + 3_600_000 }] });
  }
  if (pathname === '/api/v1/cases/5/appointments') {
    if (request.method === 'POST') {
      if (occupied) {
        return json({ title: 'Problem', status: 422, errors: [{ field: 'starts_at', code: 'occupied' }] }, 422,
          'application/problem+json');
      }
      const body = await request.clone().json();
      const booked = { id: 8, case_id: 5, place: { id: 2, name: 'Sportello Donne' }, worker: { id: 7, name: 'Giulia' },
        interpreter: body.interpreter_id ? { id: 4, name: 'Samira' } : null,
        interpreter_language: body.interpreter_language ?? null, visit: body.visit, state: 'booked',
        starts_at: body.starts_at, ends_at: body.ends_at, reason: null, etag: '"1"' };
      appointments = [...appointments, booked];
      return json(booked, 201);
    }
    return json({ items: appointments });
  }
  if (pathname === '/api/v1/appointments/8/outcome') {
    const body = await request.clone().json();
    appointments = appointments.map((a) => ({ ...a, state: body.state, etag: '"2"' }));
    return json(appointments[0]);
  }
  return new Response(null, { status: 404 });
}

let draw: typeof drawType;
let AppointmentsPanel: typeof import('./AppointmentsPanel').AppointmentsPanel;
beforeAll(async () => {
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  ({ draw } = await import('../../core/draw'));
  ({ AppointmentsPanel } = await import('./AppointmentsPanel'));
});

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
beforeEach(() => {
  sent.length = 0;
  appointments = [];
  occupied = false;
});
afterEach(() => drawn?.remove());

const $ = <E extends Element = HTMLElement>(selector: string) => drawn!.root.querySelector<E>(selector);
const team = [{ user_id: 7, display_name: 'Giulia', role: 'lead' as const }];
const show = () => draw({ name: 'appointments', draw: () => (
  <AppointmentsPanel caseId="5" organizationId={1} readAt={1} team={team} books firstVisit={false}
    onChanged={() => {}} />) }, 'en');
const choose = async (selector: string, value: string) => {
  const field = $<HTMLSelectElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event('change', { bubbles: true }));
  await drawn!.settle();
};
const submit = () => $<HTMLFormElement>('form[aria-labelledby="appointment-book-title"]')!
  .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
const posts = () => sent.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/cases/5/appointments');

it('Booked_WithAnInterpreterInHerLanguage_AtAFreeTimeOfThePlace', async () => {
  drawn = await show();
  await vi.waitFor(() => expect($('#field-starts_at')).not.toBeNull());
  expect($('#appointments-none')).not.toBeNull();
  // The free times read as the clock at the place reads them.
  expect([...$<HTMLSelectElement>('#field-starts_at')!.options].map((o) => o.textContent)).toEqual(['10:00 AM', '10:30 AM']);
  await choose('#field-starts_at', String(at + 1_800_000));
  await choose('#field-interpreter_id', '4');
  await vi.waitFor(() => expect($('#field-interpreter_language')).not.toBeNull());
  await choose('#field-interpreter_language', 'fr');
  submit();
  await vi.waitFor(() => expect(posts()).toHaveLength(1));
  expect(await posts()[0].clone().json()).toEqual({ place_id: 2, worker_user_id: 7, visit: 'follow_up',
    starts_at: at + 1_800_000, ends_at: at + 3_600_000, interpreter_id: 4, interpreter_language: 'fr' });
  await vi.waitFor(() => expect($('.appointments__item')).not.toBeNull());
  const item = $('.appointments__item')!.textContent!;
  expect(item).toContain('10:30');
  expect(item).toContain('Follow-up');
  expect(item).toContain('Interpreter: \u2068Samira\u2069 (French)');
});

it('AnOccupiedTime_IsSaidAtItsField', async () => {
  occupied = true;
  drawn = await show();
  await vi.waitFor(() => expect($('#field-starts_at')).not.toBeNull());
  submit();
  await vi.waitFor(() => expect($('#field-starts_at-error')).not.toBeNull());
  expect(appointments).toHaveLength(0);
});

it('SheCame_IsRecordedWithTheAppointmentsVersion', async () => {
  appointments = [{ id: 8, case_id: 5, place: { id: 2, name: 'Sportello Donne' }, worker: { id: 7, name: 'Giulia' },
    interpreter: null, interpreter_language: null, visit: 'intake', state: 'booked', starts_at: at,
    ends_at: at + 1_800_000, reason: null, etag: '"1"' }];
  drawn = await show();
  await vi.waitFor(() => expect($('.appointments__item button')).not.toBeNull());
  $<HTMLButtonElement>('.appointments__item button')!.click();
  await vi.waitFor(() => expect($('.appointments__item .state')!.textContent).toBe('She came'));
  const outcome = sent.find((r) => new URL(r.url).pathname === '/api/v1/appointments/8/outcome')!;
  expect(outcome.headers.get('If-Match')).toBe('"1"');
  expect(await outcome.clone().json()).toEqual({ state: 'attended' });
  expect($('.appointments__item button')).toBeNull();
});
