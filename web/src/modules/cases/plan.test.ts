// Her plan's form sends what the server's schema asks (modules/cases/plans/handlers.cpp): each
// goal and action already in the plan with its id, new ones without; the owner as the server
// names it; a target score as a number or null; and the empty texts and days named before they
// are sent. What a version changed reads as a sentence, her words isolated in their direction.
import { describe, expect, it } from 'vitest';
import { changeSentence, dayOf, emptyAction, emptyGoal, formField, isoDay, planBody, planForm, type Plan } from './plan';
import { isolate } from './timeline';

const stored: Plan = {
  case_id: 5, version: 4, recorded: true, agreed_on: '2026-03-02', reviews: ['2026-06-01'], updated_by: 7,
  updated_by_name: 'Amina Haddad', updated_at: 0, etag: '"4"',
  goals: [{ id: 11, domain: 'language', statement: 'Speak Italian at the doctor', target: 'She books alone',
    target_score: 4, actions: [
      { id: 21, title: 'A2 course', owner: 'her', owner_user_id: null, owner_organization_id: null, owner_name: '',
        due_on: '2026-05-01', state: 'in_progress', done_at: null },
      { id: 22, title: 'Find a course', owner: 'worker', owner_user_id: 7, owner_organization_id: null,
        owner_name: 'Amina Haddad', due_on: '2026-03-20', state: 'done', done_at: 1 },
      { id: 23, title: 'Book the exam', owner: 'partner', owner_user_id: null, owner_organization_id: 12,
        owner_name: 'CPIA Empoli', due_on: '2026-06-10', state: 'planned', done_at: null },
    ] }],
};

describe('the plan form', () => {
  it('reads a stored plan and sends it back as it was, with its ids and owners', () => {
    const form = planForm(stored, new Date(2026, 8, 1));
    expect(form.goals[0].target_score).toBe('4');
    expect(form.goals[0].actions.map((a) => a.owner)).toEqual(['her', 'worker:7', 'partner:12']);
    expect(planBody(form)).toEqual({ body: {
      agreed_on: '2026-03-02', reviews: ['2026-06-01'],
      goals: [{ id: 11, domain: 'language', statement: 'Speak Italian at the doctor', target: 'She books alone',
        target_score: 4, actions: [
          { id: 21, title: 'A2 course', owner: 'her', due_on: '2026-05-01', state: 'in_progress' },
          { id: 22, title: 'Find a course', owner: 'worker', owner_user_id: 7, due_on: '2026-03-20', state: 'done' },
          { id: 23, title: 'Book the exam', owner: 'partner', owner_organization_id: 12, due_on: '2026-06-10',
            state: 'planned' },
        ] }],
    } });
  });

  it('starts a plan never agreed today, with no goal, and sends new rows without ids', () => {
    const never: Plan = { ...stored, recorded: false, agreed_on: null, reviews: [], goals: [], etag: '"1"' };
    const form = planForm(never, new Date(2026, 0, 9, 23, 30));
    expect(form).toEqual({ agreed_on: '2026-01-09', reviews: [], goals: [] });
    const goal = { ...emptyGoal(), domain: 'housing' as const, statement: ' A room of her own ',
      actions: [{ ...emptyAction(form.agreed_on), title: ' Ask the council ', owner: 'worker:8' }] };
    // A goal without a score aimed at sends none: the request's schema takes a number or nothing.
    expect(planBody({ ...form, reviews: ['', '2026-04-01'], goals: [goal] })).toEqual({ body: {
      agreed_on: '2026-01-09', reviews: ['2026-04-01'],
      goals: [{ domain: 'housing', statement: 'A room of her own', target: '', actions: [
        { title: 'Ask the council', owner: 'worker', owner_user_id: 8, due_on: '2026-01-09', state: 'planned' }] }],
    } });
  });

  it('names each empty statement, title and day by the field the server would name', () => {
    const goal = { ...emptyGoal(), actions: [{ ...emptyAction(''), title: 'Call' }, emptyAction('2026-01-01')] };
    expect(planBody({ agreed_on: '', reviews: [], goals: [{ ...goal, statement: 'Work' }, emptyGoal()] })).toEqual({
      fields: { agreed_on: 'required', 'goals.0.actions.0.due_on': 'required', 'goals.0.actions.1.title': 'required',
        'goals.1.statement': 'required' },
    });
  });

  it('says a refused worker or partner at the owner choice of its action', () => {
    expect(formField('goals.2.actions.0.owner_user_id')).toBe('goals.2.actions.0.owner');
    expect(formField('goals.0.actions.3.owner_organization_id')).toBe('goals.0.actions.3.owner');
    expect(formField('goals.0.actions.3.due_on')).toBe('goals.0.actions.3.due_on');
  });

  it('keeps a day the day it is, wherever she is', () => {
    expect(isoDay(dayOf('2026-12-31'))).toBe('2026-12-31');
    expect(dayOf('2026-03-01').getDate()).toBe(1);
  });
});

describe('what a version changed', () => {
  const t = (key: string, values?: Record<string, unknown>) => values ? `<${key} ${JSON.stringify(values)}>` : `<${key}>`;
  const list = (words: string[]) => words.join(' + ');
  const day = (iso: string) => `day ${iso}`;

  it('names a goal by its statement and domain', () => {
    expect(changeSentence({ what: 'goal_added', domain: 'work', statement: 'عمل' }, t, list, day)).toEqual({
      key: 'cases.plan.change.goal_added', values: { statement: isolate('عمل'), domain: '<progress_chart.domain.work>' } });
    expect(changeSentence({ what: 'action_removed', domain: 'health', title: 'GP' }, t, list, day).key)
      .toBe('cases.plan.change.action_removed');
  });

  it('says an action moved to a new state, or to a new day, in so many words', () => {
    expect(changeSentence({ what: 'action_changed', title: 'A2 course', fields: ['state'], state: 'done',
      due_on: '2026-05-01' }, t, list, day)).toEqual({ key: 'cases.plan.change.action_state',
      values: { title: isolate('A2 course'), state: '<cases.plan.state.done>' } });
    expect(changeSentence({ what: 'action_changed', title: 'A2 course', fields: ['due_on'], state: 'planned',
      due_on: '2026-05-01' }, t, list, day)).toEqual({ key: 'cases.plan.change.action_due',
      values: { title: isolate('A2 course'), day: 'day 2026-05-01' } });
  });

  it('lists what else changed in an action', () => {
    expect(changeSentence({ what: 'action_changed', title: 'Call', fields: ['title', 'owner', 'state'], state: 'done' },
      t, list, day)).toEqual({ key: 'cases.plan.change.action_changed', values: { title: isolate('Call'),
      fields: '<cases.plan.changed_field.title> + <cases.plan.changed_field.owner> + <cases.plan.changed_field.state>' } });
    expect(changeSentence({ what: 'reviews_changed' }, t, list, day)).toEqual({
      key: 'cases.plan.change.reviews_changed', values: {} });
  });
});
