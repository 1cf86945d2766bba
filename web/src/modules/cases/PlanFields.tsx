// The fields of her plan's form: the day it is agreed, its review days, and its goals, each with
// its domain, statement, target, optional target score and actions (what, who, by when, how far).
// Rows are added and taken away in the form and saved together. Each goal and each action is a
// fieldset named by its number, so that a field's own label can stay short.
import { Field, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { domains } from './assessments';
import { Choice, Note } from './part';
import { actionStates, emptyAction, emptyGoal, targetScores, type ActionRow, type GoalRow,
  type PlanForm } from './plan';
import type { TeamMember } from './records';

const most = { goals: 20, actions: 20, reviews: 24 };

// The names of the form's fields, as the server names them, with the words the error summary
// says for each.
export function planLabels(form: PlanForm, t: (key: string, values?: Record<string, unknown>) => string) {
  const labels: Record<string, string> = { agreed_on: t('cases.plan.field.agreed_on') };
  form.reviews.forEach((_, i) => { labels[`reviews.${i}`] = t('cases.plan.review_n', { n: i + 1 }); });
  form.goals.forEach((goal, g) => {
    for (const field of ['domain', 'statement', 'target', 'target_score']) {
      labels[`goals.${g}.${field}`] = t('cases.plan.in_goal', { n: g + 1, field: t(`cases.plan.field.${field}`) });
    }
    goal.actions.forEach((_, a) => {
      for (const field of ['title', 'owner', 'due_on', 'state']) {
        labels[`goals.${g}.actions.${a}.${field}`] =
          t('cases.plan.in_action', { goal: g + 1, n: a + 1, field: t(`cases.plan.field.${field}`) });
      }
    });
  });
  return labels;
}

interface FieldsProps {
  form: PlanForm;
  team: TeamMember[];
  named: Map<string, string>;  // who the plan's actions already name besides her, by their owner choice
  errors: FormErrors;
  onChange: (form: PlanForm) => void;
}

export function PlanFields({ form, team, named, errors, onChange }: FieldsProps) {
  const { t } = useI18n();
  const change = (next: Partial<PlanForm>) => onChange({ ...form, ...next });
  const goal = (g: number, next: Partial<GoalRow>) =>
    change({ goals: form.goals.map((row, i) => i === g ? { ...row, ...next } : row) });
  const action = (g: number, a: number, next: Partial<ActionRow>) =>
    goal(g, { actions: form.goals[g].actions.map((row, i) => i === a ? { ...row, ...next } : row) });
  const owners = [...new Set(['her', ...team.map((member) => `worker:${member.user_id}`), ...named.keys()])];
  const ownerName = (choice: string) => choice === 'her' ? t('cases.plan.owner_her')
    : team.find((member) => `worker:${member.user_id}` === choice)?.display_name ?? named.get(choice) ?? choice;

  return (
    <>
      <Field name="agreed_on" type="date" label={t('cases.plan.field.agreed_on')} dir="ltr" value={form.agreed_on}
        error={errors.fields.agreed_on} onInput={(agreed_on) => change({ agreed_on })} />
      <fieldset class="rows" id="field-reviews" tabIndex={-1}>
        <legend>{t('cases.plan.reviews')}</legend>
        <p class="hint">{t('cases.plan.reviews_hint')}</p>
        {form.reviews.map((day, i) => (
          <div class="row" key={i}>
            <Field name={`reviews.${i}`} type="date" label={t('cases.plan.review_n', { n: i + 1 })} dir="ltr" value={day}
              error={errors.fields[`reviews.${i}`]}
              onInput={(value) => change({ reviews: form.reviews.map((d, j) => j === i ? value : d) })} />
            <button type="button" class="button small" onClick={() =>
              change({ reviews: form.reviews.filter((_, j) => j !== i) })}>
              {t('cases.plan.remove_review', { n: i + 1 })}
            </button>
          </div>
        ))}
        {form.reviews.length < most.reviews && (
          <button type="button" class="button" onClick={() => change({ reviews: [...form.reviews, ''] })}>
            {t('cases.plan.add_review')}
          </button>
        )}
      </fieldset>
      {form.goals.length === 0 && <p class="hint">{t('cases.plan.no_goal_yet')}</p>}
      {form.goals.map((row, g) => (
        <fieldset class="rows" key={g} id={`goal-${g}`}>
          <legend>{t('cases.plan.goal_n', { n: g + 1 })}</legend>
          <Choice name={`goals.${g}.domain`} label={t('cases.plan.field.domain')} value={row.domain} options={domains}
            labelOf={(domain) => t(`progress_chart.domain.${domain}`)} errors={errors}
            onChange={(domain) => goal(g, { domain: domain as GoalRow['domain'] })} />
          <Note name={`goals.${g}.statement`} label={t('cases.plan.field.statement')} hint={t('cases.plan.statement_hint')}
            value={row.statement} errors={errors} onInput={(statement) => goal(g, { statement })} />
          <Note name={`goals.${g}.target`} label={t('cases.plan.field.target')} hint={t('cases.plan.target_hint')}
            value={row.target} errors={errors} onInput={(target) => goal(g, { target })} />
          <Choice name={`goals.${g}.target_score`} label={t('cases.plan.field.target_score')} value={row.target_score}
            options={targetScores} errors={errors}
            labelOf={(score) => score ? t('cases.plan.score_of', { score: Number(score) }) : t('cases.plan.no_score')}
            onChange={(score) => goal(g, { target_score: score as GoalRow['target_score'] })} />
          {row.actions.map((step, a) => {
            const at = `goals.${g}.actions.${a}`;
            return (
              <fieldset class="domain" key={a} id={`field-${at}`} tabIndex={-1}>
                <legend>{t('cases.plan.action_n', { goal: g + 1, n: a + 1 })}</legend>
                <Field name={`${at}.title`} label={t('cases.plan.field.title')} dir="auto" value={step.title}
                  error={errors.fields[`${at}.title`]} onInput={(title) => action(g, a, { title })} />
                <Choice name={`${at}.owner`} label={t('cases.plan.field.owner')} value={step.owner}
                  options={owners.includes(step.owner) ? owners : [...owners, step.owner]} labelOf={ownerName}
                  errors={errors} onChange={(owner) => action(g, a, { owner })} />
                <Field name={`${at}.due_on`} type="date" label={t('cases.plan.field.due_on')} dir="ltr" value={step.due_on}
                  error={errors.fields[`${at}.due_on`]} onInput={(due_on) => action(g, a, { due_on })} />
                <Choice name={`${at}.state`} label={t('cases.plan.field.state')} value={step.state} options={actionStates}
                  labelOf={(state) => t(`cases.plan.state.${state}`)} errors={errors}
                  onChange={(state) => action(g, a, { state: state as ActionRow['state'] })} />
                <button type="button" class="button small" onClick={() =>
                  goal(g, { actions: row.actions.filter((_, j) => j !== a) })}>
                  {t('cases.plan.remove_action', { goal: g + 1, n: a + 1 })}
                </button>
              </fieldset>
            );
          })}
          <div class="actions">
            {row.actions.length < most.actions && (
              <button type="button" class="button" onClick={() =>
                goal(g, { actions: [...row.actions, emptyAction(form.agreed_on)] })}>
                {t('cases.plan.add_action', { n: g + 1 })}
              </button>
            )}
            <button type="button" class="button small" onClick={() =>
              change({ goals: form.goals.filter((_, j) => j !== g) })}>
              {t('cases.plan.remove_goal', { n: g + 1 })}
            </button>
          </div>
        </fieldset>
      ))}
      {form.goals.length < most.goals && (
        <p>
          <button type="button" class="button" onClick={() => change({ goals: [...form.goals, emptyGoal()] })}>
            {t('cases.plan.add_goal')}
          </button>
        </p>
      )}
    </>
  );
}
