// Her personalized project: the day it was agreed, its review days, and its goals, each in a
// domain of her autonomy with what she aims at, how she and her worker will know it is reached
// and the actions that lead there (who does what, by when, how far). For her case worker: agreeing
// it and revising it as a whole, marking an action done, and printing it for her (a PDF in her
// language, then the worker's). Its versions say who changed what, and when.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, ok } from '../../api/client';
import { ErrorSummary, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { PartForm, usePart } from './part';
import { PlanFields, planLabels } from './PlanFields';
import { changeSentence, dayOf, formField, isOpen, ownerChoice, planBody, planForm, type Plan, type PlanAction,
  type PlanForm, type PlanVersion } from './plan';
import type { TeamMember } from './records';
import { isolate } from './timeline';

interface PanelProps {
  caseId: string;
  readAt: number;
  team: TeamMember[];
  changes: boolean;        // she may change the plan
  onStale: () => void;
  onChanged: () => void;   // the plan was changed here
}

// The look of an action's state, borrowed from the case states': planned waits, done is reached.
const stateLook = { planned: 'intake', in_progress: 'referred', done: 'active', dropped: 'closed' } as const;

export function PlanPanel({ caseId, readAt, team, changes, onStale, onChanged }: PanelProps) {
  const { t, formatDate, locale } = useI18n();
  const { part: plan, setPart: setPlan, failed } = usePart<Plan>('/api/v1/cases/{case_id}/plan', caseId, readAt);
  const [form, setForm] = useState<PlanForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [moving, setMoving] = useState(0);  // the action being marked done
  const [moveFailed, setMoveFailed] = useState<FormErrors>(noErrors);
  const [said, setSaid] = useState('');
  const [versions, setVersions] = useState<PlanVersion[]>([]);
  // The form shows the plan as last read or saved.
  useEffect(() => { if (plan) setForm(planForm(plan, new Date())); }, [plan]);
  useEffect(() => {
    if (!plan?.recorded) return setVersions([]);
    let current = true;
    ok(api.GET('/api/v1/cases/{case_id}/plan/versions', { params: { path: { case_id: caseId } } }))
      .then((read) => { if (current) setVersions(read.items); })
      .catch(() => { if (current) setVersions([]); });
    return () => { current = false; };
  }, [caseId, plan?.version]);
  if (!plan || !form) return failed.summary.length ? <p class="field-error">{failed.summary.join(' ')}</p> : null;

  const day = (iso: string) => formatDate(dayOf(iso));
  const list = (words: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
  const labels = planLabels(form, t);
  // Who the plan's actions name besides her: the form keeps offering a partner (and a worker since
  // taken off her team), by the name the plan gives.
  const named = new Map<string, string>();
  for (const goal of plan.goals) {
    for (const action of goal.actions) {
      if (action.owner !== 'her') named.set(ownerChoice(action), action.owner_name);
    }
  }
  const ownerOf = (action: PlanAction) => action.owner === 'her' ? t('cases.plan.owner_her')
    : action.owner_name || t('cases.timeline.someone');

  const markDone = async (action: PlanAction) => {
    setSaid('');
    setMoving(action.id);
    try {
      const moved = await ok(api.POST('/api/v1/plan-actions/{action_id}/state', {
        params: { path: { action_id: String(action.id) }, header: { 'If-Match': plan.etag } },
        body: { state: 'done' },
      }));
      setMoveFailed(noErrors);
      setSaid(t('cases.plan.marked_done', { title: isolate(action.title) }));
      setPlan(moved as Plan);
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setMoveFailed(noErrors);
        onStale();
      } else {
        setMoveFailed(errorsOf(error, t, []));
      }
    }
    setMoving(0);
  };

  const shown = (
    <>
      {!plan.recorded ? <p class="hint" id="plan-none">{t('cases.plan.none')}</p> : (
        <>
          <dl class="case__facts">
            <div><dt>{t('cases.plan.field.agreed_on')}</dt><dd>{day(plan.agreed_on ?? '')}</dd></div>
            <div><dt>{t('cases.plan.reviews')}</dt>
              <dd>{plan.reviews.length ? list(plan.reviews.map(day)) : t('cases.plan.no_review')}</dd></div>
            {plan.updated_at !== null && (
              <div><dt>{t('cases.plan.updated')}</dt><dd>{t('cases.plan.updated_by', { date: formatDate(plan.updated_at),
                who: isolate(plan.updated_by_name || t('cases.timeline.someone')) })}</dd></div>
            )}
          </dl>
          <p><a class="button" href={`/api/v1/cases/${encodeURIComponent(caseId)}/plan.pdf`} download>
            {t('cases.plan.download')}</a></p>
          <ErrorSummary id="plan-move-errors" errors={moveFailed} labels={{}} />
          <ol class="plan__goals">
            {plan.goals.map((goal) => (
              <li key={goal.id} class="plan__goal">
                <h3><span class="scores__domain">{t(`progress_chart.domain.${goal.domain}`)}</span>: <bdi>{goal.statement}</bdi></h3>
                {goal.target && <p><strong>{t('cases.plan.field.target')}:</strong> <bdi>{goal.target}</bdi></p>}
                {goal.target_score !== null && (
                  <p><strong>{t('cases.plan.field.target_score')}:</strong> {t('cases.plan.score_of', { score: goal.target_score })}</p>
                )}
                {goal.actions.length === 0 ? <p class="hint">{t('cases.plan.no_action')}</p> : (
                  <ul class="team plan__actions">
                    {goal.actions.map((action) => (
                      <li key={action.id}>
                        <span class="team__name"><bdi>{action.title}</bdi></span>{' '}
                        <span class="team__role">{t('cases.plan.action_facts', { who: isolate(ownerOf(action)),
                          day: day(action.due_on) })}</span>{' '}
                        <span class={`state state--${stateLook[action.state]}`}>{t(`cases.plan.state.${action.state}`)}</span>
                        {changes && isOpen(action.state) && (
                          <button type="button" class="button small" disabled={moving !== 0}
                            onClick={() => markDone(action)}>
                            {t('cases.plan.mark_done')}
                            <span class="visually-hidden"> ({isolate(action.title)})</span>
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <p role="status" class="confirmation">{said}</p>
    </>
  );

  const history = versions.length > 0 && (
    <details class="disclosure">
      <summary id="plan-versions-title">{t('cases.plan.versions', { count: versions.length })}</summary>
      <ol class="timeline" aria-labelledby="plan-versions-title">
        {versions.map((version, i) => (
          <li key={version.version} class="timeline__event">
            <p class="timeline__what">{t('cases.plan.version_by', { n: versions.length - i,
              who: isolate(version.by_name || t('cases.timeline.someone')) })}</p>
            <p class="timeline__when">{t('cases.timeline.when', { at: version.at })}</p>
            <ul>
              {version.changes.length === 0 && (
                <li>{t(i === versions.length - 1 ? 'cases.plan.change.agreed' : 'cases.plan.change.none')}</li>
              )}
              {version.changes.map((change, j) => {
                const sentence = changeSentence(change, t, list, day);
                return <li key={j}>{t(sentence.key, sentence.values)}</li>;
              })}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );

  return (
    <PartForm id="plan" title={t('cases.plan.heading')} path="/api/v1/cases/{case_id}/plan" caseId={caseId} part={plan}
      changes={changes} labels={labels} known={Object.keys(labels)} errors={errors} setErrors={setErrors}
      codes={{ before_start: 'cases.plan.before_start', duplicate: 'cases.plan.duplicate',
        not_found: 'cases.plan.owner_gone' }}
      fieldOf={formField} editOnly folded={t(plan.recorded ? 'cases.plan.revise' : 'cases.plan.agree')}
      toBody={() => {
        const asked = planBody(form);
        if ('fields' in asked) {
          return { fields: Object.fromEntries(Object.keys(asked.fields).map((field) => [field, t('field.required')])) };
        }
        return asked;
      }}
      foldOnSave onSaved={(saved) => {
        setPlan(saved);
        setSaid(t('cases.plan.saved'));
        onChanged();
      }} onStale={onStale}
      before={shown} after={history}>
      <PlanFields form={form} team={team} named={named} errors={errors} onChange={setForm} />
    </PartForm>
  );
}
