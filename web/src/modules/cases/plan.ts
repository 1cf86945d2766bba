// Her personalized project as its form edits it and as its versions tell what changed. The form
// holds its fields as typed (text); the plan is sent whole, each goal and action that was already
// in it with its id (a row without one is new), and the server names each field it refuses by its
// place in what was sent ("goals.0.actions.1.due_on"). An action is owned by her, by a worker of
// her team or by a partner organization; the form offers her and her team's workers, and keeps a
// partner an action already names.
import type { operations } from '../../api/schema';
import { domains, type Domain } from './assessments';
import { isolate } from './timeline';

type Read<O extends keyof operations> =
  operations[O]['responses'] extends Record<200, { content: { 'application/json': infer J } }> ? J : never;

export type Plan = Read<'getCasePlan'>;
export type PlanGoal = Plan['goals'][number];
export type PlanAction = PlanGoal['actions'][number];
export type ActionState = PlanAction['state'];
export type PlanVersion = Read<'listPlanVersions'>['items'][number];
type PlanBody = NonNullable<operations['putCasePlan']['requestBody']>['content']['application/json'];

export const actionStates: ActionState[] = ['planned', 'in_progress', 'done', 'dropped'];
export const targetScores = ['', '1', '2', '3', '4', '5'] as const;
export const isOpen = (state: ActionState) => state === 'planned' || state === 'in_progress';

// Who owns an action, as the form's choice holds it: "her", "worker:7", "partner:12".
export type OwnerChoice = string;
export const ownerChoice = (action: Pick<PlanAction, 'owner' | 'owner_user_id' | 'owner_organization_id'>) =>
  action.owner === 'her' ? 'her'
    : action.owner === 'worker' ? `worker:${action.owner_user_id ?? ''}` : `partner:${action.owner_organization_id ?? ''}`;

export interface ActionRow { id?: number; title: string; owner: OwnerChoice; due_on: string; state: ActionState }
export interface GoalRow {
  id?: number;
  domain: Domain;
  statement: string;
  target: string;
  target_score: (typeof targetScores)[number];
  actions: ActionRow[];
}
export interface PlanForm { agreed_on: string; reviews: string[]; goals: GoalRow[] }

// A day as the server writes it (YYYY-MM-DD), in the reader's own calendar day.
export function isoDay(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

// A day as a moment to format: noon of that day where she is, so no time zone moves it to the
// day before or after.
export function dayOf(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date, 12);
}

export const emptyGoal = (): GoalRow =>
  ({ domain: domains[0], statement: '', target: '', target_score: '', actions: [] });
export const emptyAction = (agreedOn: string): ActionRow =>
  ({ title: '', owner: 'her', due_on: agreedOn, state: 'planned' });

// The form of the plan as read; a plan never agreed starts today, with no goal yet.
export function planForm(plan: Plan, today: Date): PlanForm {
  return {
    agreed_on: plan.agreed_on ?? isoDay(today),
    reviews: [...plan.reviews],
    goals: plan.goals.map((goal) => ({
      id: goal.id,
      domain: (domains as string[]).includes(goal.domain) ? goal.domain as Domain : domains[0],
      statement: goal.statement,
      target: goal.target,
      target_score: goal.target_score === null ? '' : String(goal.target_score) as GoalRow['target_score'],
      actions: goal.actions.map((action) => ({ id: action.id, title: action.title, owner: ownerChoice(action),
        due_on: action.due_on, state: action.state })),
    })),
  };
}

function ownerOf(choice: OwnerChoice):
  { owner: PlanAction['owner']; owner_user_id?: number; owner_organization_id?: number } {
  const [kind, id] = choice.split(':');
  if (kind === 'worker') return { owner: 'worker', owner_user_id: Number(id) };
  if (kind === 'partner') return { owner: 'partner', owner_organization_id: Number(id) };
  return { owner: 'her' };
}

// The plan to send, or the fields to fix first: a day, a statement or a title left empty (the
// server would refuse them too, in words less plain). Texts are sent trimmed; empty review days
// are left out.
export function planBody(form: PlanForm): { body: PlanBody } | { fields: Record<string, 'required'> } {
  const fields: Record<string, 'required'> = {};
  if (!form.agreed_on) fields.agreed_on = 'required';
  form.goals.forEach((goal, g) => {
    if (!goal.statement.trim()) fields[`goals.${g}.statement`] = 'required';
    goal.actions.forEach((action, a) => {
      if (!action.title.trim()) fields[`goals.${g}.actions.${a}.title`] = 'required';
      if (!action.due_on) fields[`goals.${g}.actions.${a}.due_on`] = 'required';
    });
  });
  if (Object.keys(fields).length > 0) return { fields };
  return {
    body: {
      agreed_on: form.agreed_on,
      reviews: form.reviews.filter(Boolean),
      goals: form.goals.map((goal) => ({
        ...(goal.id ? { id: goal.id } : {}),
        domain: goal.domain,
        statement: goal.statement.trim(),
        target: goal.target.trim(),
        ...(goal.target_score === '' ? {} : { target_score: Number(goal.target_score) }),
        actions: goal.actions.map((action) => ({
          ...(action.id ? { id: action.id } : {}),
          title: action.title.trim(),
          ...ownerOf(action.owner),
          due_on: action.due_on,
          state: action.state,
        })),
      })),
    },
  };
}

// The form's field for a field the server named: who owns an action is one choice in the form,
// whether the server names its worker or its partner.
export const formField = (field: string) => field.replace(/\.owner_(user|organization)_id$/, '.owner');

// What one version changed, as the server records it.
export interface Change {
  what: PlanVersion['changes'][number]['what'];
  domain?: string;
  statement?: string;
  title?: string;
  fields?: string[];
  state?: ActionState;
  due_on?: string;
}

export interface Sentence { key: string; values: Record<string, unknown> }

// The sentence of a change. `t` translates the words it takes as values (a domain, a state);
// `list` joins words as her language does ("the title and the due day"); `day` formats a day.
// Her words (a statement, a title) are isolated in their own direction.
export function changeSentence(change: Change, t: (key: string, values?: Record<string, unknown>) => string,
  list: (words: string[]) => string, day: (iso: string) => string): Sentence {
  const domain = change.domain ? t(`progress_chart.domain.${change.domain}`) : '';
  switch (change.what) {
    case 'goal_added': case 'goal_removed': case 'goal_changed':
      return { key: `cases.plan.change.${change.what}`, values: { statement: isolate(change.statement ?? ''), domain } };
    case 'action_added': case 'action_removed':
      return { key: `cases.plan.change.${change.what}`, values: { title: isolate(change.title ?? ''), domain } };
    case 'action_changed': {
      const fields = change.fields ?? [];
      const title = isolate(change.title ?? '');
      if (fields.length === 1 && fields[0] === 'state' && change.state) {
        return { key: 'cases.plan.change.action_state', values: { title, state: t(`cases.plan.state.${change.state}`) } };
      }
      if (fields.length === 1 && fields[0] === 'due_on' && change.due_on) {
        return { key: 'cases.plan.change.action_due', values: { title, day: day(change.due_on) } };
      }
      return { key: 'cases.plan.change.action_changed',
        values: { title, fields: list(fields.map((field) => t(`cases.plan.changed_field.${field}`))) } };
    }
    default:
      return { key: 'cases.plan.change.reviews_changed', values: {} };
  }
}
