// Her profile's parts, her assessments and her referral on the case screen, against a stand-in
// for the server that keeps each part's version: each part is written with the version she read
// (If-Match), and a change someone else made meanwhile (412) is said as for a move; the server's
// field errors are shown by their fields; the sensitive part of a woman whose team she is not on
// is not shown at all; a referred woman is taken on or declined by answering her referral.
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
const at = Date.UTC(2026, 2, 14, 9, 30);
type Stored = { content: Record<string, unknown>; version: number; recorded: boolean };
let parts: Record<string, Stored>;
let sensitiveStatus: number;
let caseState: string;
let answerStatus: number;
let assessments: { items: unknown[]; progress: unknown[] };
let shares: unknown[];

const empty = (): Record<string, Stored> => ({
  profile: { content: { languages: [], children: [] }, version: 1, recorded: false },
  'safe-contact': { content: { channel: 'none', phone: '', email: '', days: [], from: '', to: '', leave_message: false,
    name_sender: false, code_word: '' }, version: 1, recorded: false },
  sensitive: { content: { violence: 'not_asked', violence_note: '', health_note: '', legal_status: 'not_asked',
    legal_note: '' }, version: 1, recorded: false },
});
const referral = {
  id: 9, case_id: 5, from_organization: null, to_organization: { id: 1, name: 'Empoli' }, referred_by: null,
  referrer: { name: 'Giulia Bianchi', organization: 'Family health centre', contact: '+39 0571 000000' },
  chosen_name: 'Amina (demo)', reason: 'Looking for work', urgency: 'urgent', consent_method: 'verbal', consent_at: at,
  state: 'pending', answered_by: null, answered_at: null, answer: null, created_at: at,
};
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const problem = (status: number, errors: unknown[] = []) =>
  json({ title: 'Problem', status, errors }, status, 'application/problem+json');

async function answer(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/v1/cases/5') {
    return json({ id: 5, organization_id: 1, chosen_name: 'Amina (demo)', code: 'W-AGTC-VA4Z', state: caseState,
      outcome: null, lead: null, opened_at: at, updated_at: at, etag: '"1"',
      team: [{ user_id: 7, display_name: 'Amina Haddad', role: 'lead' }],
      history: [], referral: caseState === 'referred' ? referral : { ...referral, state: 'accepted' } });
  }
  if (pathname === '/api/v1/cases/5/timeline') return json({ items: [], next_cursor: null });
  if (/^\/api\/v1\/cases\/5\/(notes|documents)$/.test(pathname)) return json({ items: [], next_cursor: null });
  if (pathname === '/api/v1/cases/5/appointments' || pathname === '/api/v1/cases/5/deadlines') return json({ items: [] });
  if (/^\/api\/v1\/organizations\/1\/(places|interpreters)$/.test(pathname)) return json({ items: [] });
  if (pathname === '/api/v1/cases/5/plan') {
    return json({ case_id: 5, version: 1, recorded: false, agreed_on: null, reviews: [], goals: [], updated_by: null,
      updated_by_name: '', updated_at: null, etag: '"1"' });
  }
  if (pathname === '/api/v1/cases/5/assessments') {
    if (request.method === 'POST') {
      const body = await request.clone().json();
      assessments = { items: [{ id: 1, by: { user_id: 7, display_name: 'Amina Haddad' }, assessed_at: at,
        recorded_at: at, scores: body.scores.map((s: object) => ({ note: null, ...s })) }],
      progress: body.scores.map((s: { domain: string; score: number }) => ({ domain: s.domain,
        points: [{ at, score: s.score }] })) };
      return json(assessments.items[0], 201);
    }
    return json(assessments);
  }
  const part = /^\/api\/v1\/cases\/5\/(profile|safe-contact|sensitive)$/.exec(pathname)?.[1];
  if (part) {
    if (part === 'sensitive' && sensitiveStatus !== 200) return problem(sensitiveStatus);
    const stored = parts[part];
    if (request.method === 'PUT') {
      if (request.headers.get('If-Match') !== `"${stored.version}"`) return problem(412);
      const body = await request.clone().json();
      if (body.languages?.some((l: { language: string }) => l.language === 'xx!')) {
        return problem(422, [{ field: 'languages.0.language', code: 'format' }]);
      }
      if (body.languages?.length === 2 && body.languages[0].language === body.languages[1].language) {
        return problem(422, [{ field: 'languages', code: 'duplicate', message: 'field.duplicate' }]);
      }
      parts[part] = { content: body, version: stored.version + 1, recorded: true };
    }
    const now = parts[part];
    return json({ ...now.content, recorded: now.recorded, etag: `"${now.version}"` });
  }
  if (pathname === '/api/v1/teams') {
    return json({ items: [{ id: 3, organization_id: 1, name: 'Équipe REI', created_at: at, members: [] },
      { id: 4, organization_id: 2, name: 'Another organization\'s team', created_at: at, members: [] }] });
  }
  if (pathname === '/api/v1/cases/5/teams') {
    if (request.method === 'POST') {
      const body = await request.clone().json();
      if (!body.consent_method) return problem(422, [{ field: 'consent_method', code: 'required' }]);
      shares = [{ team_id: body.team_id, team_name: 'Équipe REI', case_id: 5, code: 'W-AGTC-VA4Z',
        chosen_name: 'Amina (demo)', consent: body.consent_method, shared_at: at }];
      return json(shares[0], 201);
    }
    return json({ items: shares });
  }
  const answering = /^\/api\/v1\/referrals\/9\/answer$/.test(pathname);
  if (answering) {
    if (answerStatus !== 200) return json({ title: 'Conflict', status: 409 }, 409, 'application/problem+json');
    const body = await request.clone().json();
    caseState = body.decision === 'accept' ? 'intake' : 'closed';
    return json({ ...referral, state: body.decision === 'accept' ? 'accepted' : 'declined' });
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
  parts = empty();
  sensitiveStatus = 200;
  caseState = 'intake';
  answerStatus = 200;
  assessments = { items: [], progress: [] };
  shares = [];
});
afterEach(() => drawn?.remove());

const $ = <E extends Element = HTMLElement>(selector: string) => drawn!.root.querySelector<E>(selector);
const text = (selector: string) => $(selector)?.textContent?.trim();
const button = (label: string) =>
  [...drawn!.root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) as HTMLButtonElement;
const type = async (selector: string, value: string) => {
  const field = $<HTMLInputElement>(selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn!.settle();
};
const tick = async (selector: string) => {
  $<HTMLInputElement>(selector)!.click();
  await drawn!.settle();
};
const submit = (title: string) => $<HTMLFormElement>(`form[aria-labelledby="${title}"]`)!.requestSubmit();
const puts = () => sent.filter((r) => r.method === 'PUT');
const show = (roles = ['case_worker'], locale = 'en') =>
  draw({ name: 'case', state: { session: exampleSession(roles) }, draw: () => <CaseScreen id="5" /> }, locale);

it('SafeContact_UntilRecordedNobodyContactsHer_ThenTheRulesAreSavedWithTheVersionRead', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(text('#safe-contact-none')).toContain('Nobody contacts her yet.'));
  await tick('#channel-sms');
  await type('#field-phone', ' +39 333 1234567 ');
  await tick('#field-day-5');
  await tick('#field-day-1');
  await type('#field-from', '18:00');
  await type('#field-to', '20:00');
  submit('safe-contact-title');
  await vi.waitFor(() => expect(text('form[aria-labelledby="safe-contact-title"] [role=status]')).toBe('Saved.'));
  expect(puts()[0].headers.get('If-Match')).toBe('"1"');
  expect(await puts()[0].json()).toEqual({ channel: 'sms', phone: '+39 333 1234567', from: '18:00', to: '20:00',
    days: [1, 5], leave_message: false, name_sender: false });
  expect($('#safe-contact-none')).toBeNull();
});

it('Profile_TheServersFieldErrorsAreShownByTheirFields', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(button('Add a language')).toBeDefined());
  button('Add a language').click();
  await drawn.settle();
  await type('[id="field-languages.0.language"]', 'xx!');
  submit('profile-title');
  await vi.waitFor(() => expect(text('[id="field-languages.0.language-error"]')).toBe('This is not in the expected form'));
  expect($('[id="field-languages.0.language"]')!.getAttribute('aria-invalid')).toBe('true');
  expect(text('#profile-errors-title')).toBeDefined();

  await type('[id="field-languages.0.language"]', 'AR');
  button('Add a language').click();
  await drawn.settle();
  await type('[id="field-languages.1.language"]', 'ar');
  submit('profile-title');
  await vi.waitFor(() => expect(text('#field-languages .field-error')).toBe('This language is listed twice'));
  expect(text('[id="field-languages.0.language-hint"]')).toBe('Arabic');

  // An age that is not a number is named before anything is sent.
  button('Add a child').click();
  await drawn.settle();
  await type('[id="field-children.0.age"]', 'seven');
  const before = puts().length;
  submit('profile-title');
  await vi.waitFor(() => expect(text('[id="field-children.0.age-error"]')).toBe('Enter the age in years, in figures'));
  expect(puts()).toHaveLength(before);
});

it('AProfileSomeoneElseChangedMeanwhile_IsSaid_AndReloadedWithItsNewVersion', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(button('Add a child')).toBeDefined());
  parts.profile = { content: { languages: [{ language: 'ti', level: 'native' }], children: [] }, version: 2,
    recorded: true };  // her colleague records her language meanwhile
  button('Add a child').click();
  await drawn.settle();
  await type('[id="field-children.0.age"]', '7');
  submit('profile-title');
  await vi.waitFor(() => expect(text('.stale h2')).toBe('Someone else changed this case'));
  expect(puts()[0].headers.get('If-Match')).toBe('"1"');
  expect(document.activeElement?.classList.contains('stale')).toBe(true);
  button('Reload the case').click();
  await vi.waitFor(() => expect($<HTMLInputElement>('[id="field-languages.0.language"]')?.value).toBe('ti'));
  expect($('[id="field-children.0.age"]')).toBeNull();
  button('Add a child').click();
  await drawn.settle();
  await type('[id="field-children.0.age"]', '7');
  submit('profile-title');
  await vi.waitFor(() => expect(text('form[aria-labelledby="profile-title"] [role=status]')).toBe('Saved.'));
  expect(puts().at(-1)!.headers.get('If-Match')).toBe('"2"');
});

for (const status of [403, 404]) {
  it(`TheSensitivePart_AnsweredWith${status}_IsNotShown_NorAnError`, async () => {
    sensitiveStatus = status;
    drawn = await show(['coordinator']);
    await vi.waitFor(() => expect($('#safe-contact-title')).not.toBeNull());
    await drawn.settle();
    expect($('#sensitive-title')).toBeNull();
    expect(drawn.root.querySelectorAll('.error-summary, .field-error')).toHaveLength(0);
  });
}

it('TheSensitivePart_IsShownToHerTeam_AndSavesItsNotes', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(text('#sensitive-title')).toBe('What only her team reads'));
  expect($<HTMLDetailsElement>('#sensitive-show')!.closest('details')!.open).toBe(false);
  $('#sensitive-show')!.click();
  await drawn.settle();
  const violence = $<HTMLSelectElement>('#field-violence')!;
  violence.value = 'past';
  violence.dispatchEvent(new Event('change', { bubbles: true }));
  await drawn.settle();
  await type('#field-health_note', ' diabetes ');
  submit('sensitive-title');
  await vi.waitFor(() => expect(text('form[aria-labelledby="sensitive-title"] [role=status]')).toBe('Saved.'));
  expect(await puts()[0].json()).toEqual({ violence: 'past', legal_status: 'not_asked', health_note: 'diabetes' });
});

it('AnAssessment_AsksForADomain_ThenIsRecorded_AndDrawn', async () => {
  drawn = await show();
  await vi.waitFor(() => expect(text('.progress-chart-empty')).toBe('No assessment yet.'));
  submit('assessment-add-title');
  await vi.waitFor(() => expect(text('#field-scores')).toBe('Score at least one domain'));
  expect(sent.some((r) => r.method === 'POST')).toBe(false);
  await tick('#field-score-language input[value="2"]');
  await tick('#field-score-work input[value="3"]');
  await tick('#field-score-housing input[value="1"]');
  await type('#field-note-housing', 'Staying with a friend');
  submit('assessment-add-title');
  await vi.waitFor(() => expect(drawn!.root.querySelectorAll('.progress-chart-series')).toHaveLength(3));
  expect(await sent.find((r) => r.method === 'POST')!.json()).toEqual({ scores: [
    { domain: 'language', score: 2 }, { domain: 'housing', score: 1, note: 'Staying with a friend' },
    { domain: 'work', score: 3 }] });
  expect(text('#assessments-title ~ [role=status]')).toBe('The assessment is recorded.');
  expect(text('.scores')).toContain('Staying with a friend');
});

it('AReferredWoman_IsTakenOnByAnsweringHerReferral', async () => {
  caseState = 'referred';
  drawn = await show(['coordinator']);
  await vi.waitFor(() => expect(text('section.referral')).toContain('Giulia BianchiFamily health centre'));
  expect(text('section.referral')).toContain('Urgent');
  expect(text('section.referral')).toContain('Looking for work');
  button('Take on the referral').click();
  await vi.waitFor(() => expect(text('.case__facts .state')).toBe('Intake'));
  const posted = sent.find((r) => r.method === 'POST')!;
  expect(new URL(posted.url).pathname).toBe('/api/v1/referrals/9/answer');
  expect(await posted.json()).toEqual({ decision: 'accept' });
  expect(sent.some((r) => r.url.endsWith('/moves'))).toBe(false);
});

it('DecliningAReferredWoman_AsksWhy_AndAnswersHerReferral', async () => {
  caseState = 'referred';
  drawn = await show(['coordinator']);
  await vi.waitFor(() => expect(button('Decline the referral')).toBeDefined());
  button('Decline the referral').click();
  await drawn.settle();
  submit('move-form-title');
  await vi.waitFor(() => expect(text('#field-reason-error')).toBe('Say why'));
  await type('#field-reason', 'No place until June');
  submit('move-form-title');
  await vi.waitFor(() => expect(text('.case__facts .state')).toBe('Closed'));
  expect(await sent.find((r) => r.method === 'POST')!.json()).toEqual({ decision: 'decline', reason: 'No place until June' });
});

it('AReferralAnsweredMeanwhile_IsSaidAsAChangeBySomeoneElse', async () => {
  caseState = 'referred';
  answerStatus = 409;
  drawn = await show(['coordinator']);
  await vi.waitFor(() => expect(button('Take on the referral')).toBeDefined());
  button('Take on the referral').click();
  await vi.waitFor(() => expect(text('.stale h2')).toBe('Someone else changed this case'));
});

it('SharingWithATeam_OffersTheOrganizationsTeams_AndAsksHowSheConsented', async () => {
  caseState = 'active';
  drawn = await show();
  await vi.waitFor(() => expect(text('#shared-teams-title')).toBe('Multidisciplinary teams'));
  await vi.waitFor(() => expect($('#field-team_id')).not.toBeNull());
  const options = [...drawn.root.querySelectorAll('#field-team_id option')].map((o) => o.textContent);
  expect(options).toEqual(['Choose a team', 'Équipe REI']);
  const select = $<HTMLSelectElement>('#field-team_id')!;
  select.value = '3';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await drawn.settle();
  submit('shared-teams-add-title');
  await vi.waitFor(() => expect(text('#field-consent_method-error')).toContain('She has not consented'));
  await tick('input[name="consent_method"][value="paper"]');
  submit('shared-teams-add-title');
  await vi.waitFor(() => expect(text('.panel[aria-labelledby="shared-teams-title"] .team__name')).toBe('Équipe REI'));
  const posted = sent.filter((r) => r.method === 'POST' && r.url.endsWith('/cases/5/teams'));
  expect(await posted[0].json()).toEqual({ team_id: 3 });
  expect(await posted[1].json()).toEqual({ team_id: 3, consent_method: 'paper' });
  expect(text('.panel[aria-labelledby="shared-teams-title"] .team__role')).toContain('She consented on paper');
});
