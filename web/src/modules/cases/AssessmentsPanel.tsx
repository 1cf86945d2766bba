// Her autonomy assessments: her progress in each domain drawn as a chart (its scores also read as
// a table), the last assessment's scores and notes, and, for her case worker, recording a new one.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, ok, type CaseAssessments } from '../../api/client';
import { ErrorSummary, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { ProgressChart } from '../../components/ProgressChart/ProgressChart';
import { useI18n } from '../../i18n';
import { assessmentBody, domains, emptyAssessment, fieldOf, scores, type AssessmentForm } from './assessments';
import { Note } from './part';
import { isolate } from './timeline';

interface PanelProps { caseId: string; readAt: number; records: boolean }

export function AssessmentsPanel({ caseId, readAt, records }: PanelProps) {
  const { t, formatDate } = useI18n();
  const [file, setFile] = useState<CaseAssessments | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [form, setForm] = useState<AssessmentForm>(emptyAssessment);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const inCase = { path: { case_id: caseId } };

  const read = () => ok(api.GET('/api/v1/cases/{case_id}/assessments', { params: inCase }))
    .then((got) => { setFile(got); setFailed(noErrors); })
    .catch((error) => setFailed(errorsOf(error, t, [])));
  useEffect(() => { read(); }, [caseId, readAt]);

  const labels: Record<string, string> = { scores: t('cases.assessment.scores') };
  for (const domain of domains) {
    labels[`score-${domain}`] = t(`progress_chart.domain.${domain}`);
    labels[`note-${domain}`] = t('cases.assessment.note_of', { domain: t(`progress_chart.domain.${domain}`) });
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaid('');
    const asked = assessmentBody(form);
    if ('field' in asked) return setErrors({ summary: [], fields: { scores: t('cases.assessment.none_scored') } });
    setBusy(true);
    try {
      await ok(api.POST('/api/v1/cases/{case_id}/assessments', { params: inCase, body: asked.body }));
      setErrors(noErrors);
      setForm(emptyAssessment());
      setSaid(t('cases.assessment.recorded'));
      await read();
    } catch (error) {
      const found = errorsOf(error, t, Object.keys(labels).concat(asked.body.scores.map((_, i) => `scores.${i}.note`)));
      const fields = Object.fromEntries(Object.entries(found.fields)
        .map(([field, message]) => [fieldOf(asked.body.scores, field), message]));
      setErrors(error instanceof ApiError ? { summary: found.summary, fields } : found);
    }
    setBusy(false);
  };

  const last = file?.items[0];
  return (
    <section aria-labelledby="assessments-title" class="panel">
      <h2 id="assessments-title">{t('cases.assessment.title')}</h2>
      <ErrorSummary id="assessments-failed" errors={failed} labels={{}} />
      {file && <ProgressChart progress={file.progress} />}
      {last && (
        <>
          <h3>{t('cases.assessment.last', { date: formatDate(last.assessed_at),
            who: last.by ? isolate(last.by.display_name) : t('cases.timeline.someone') })}</h3>
          <ul class="scores">
            {last.scores.map((score) => (
              <li key={score.domain}>
                <span class="scores__domain">{t(`progress_chart.domain.${score.domain}`)}</span>{' '}
                <span>{t('progress_chart.score_of', { score: score.score })}</span>
                {score.note && <p class="scores__note"><bdi>{score.note}</bdi></p>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p role="status" class="confirmation">{said}</p>
      {records && (
        <details class="disclosure">
          <summary id="assessment-add-title">{t('cases.assessment.add')}</summary>
          <p class="hint">{t('cases.assessment.hint')}</p>
          <ErrorSummary id="assessment-errors" errors={errors} labels={labels} />
          <form onSubmit={submit} noValidate aria-labelledby="assessment-add-title">
            {errors.fields.scores && <p class="field-error" id="field-scores" tabIndex={-1}>{errors.fields.scores}</p>}
            {domains.map((domain) => (
              <fieldset key={domain} class="domain" id={`field-score-${domain}`} tabIndex={-1}>
                <legend>{labels[`score-${domain}`]}</legend>
                {errors.fields[`score-${domain}`] && <p class="field-error">{errors.fields[`score-${domain}`]}</p>}
                <div class="scale">
                  {[null, ...scores].map((score) => (
                    <label key={String(score)} class="scale__choice">
                      <input type="radio" name={`score-${domain}`} value={String(score ?? '')}
                        checked={form[domain].score === score}
                        onChange={() => setForm({ ...form, [domain]: { ...form[domain], score } })} />
                      <span>{score === null ? t('cases.assessment.not_assessed') : t('cases.assessment.score', { score })}</span>
                    </label>
                  ))}
                </div>
                {form[domain].score !== null && (
                  <Note name={`note-${domain}`} label={labels[`note-${domain}`]} value={form[domain].note} errors={errors}
                    onInput={(note) => setForm({ ...form, [domain]: { ...form[domain], note } })} />
                )}
              </fieldset>
            ))}
            <Submit busy={busy}>{t('cases.assessment.record')}</Submit>
          </form>
        </details>
      )}
    </section>
  );
}
