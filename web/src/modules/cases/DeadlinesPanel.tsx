// The deadlines that decide a life, on the case screen and for the organization: a residence
// permit to renew, a step of her asylum procedure, a benefit to renew, a school enrolment, each
// with its day and the documents it needs; those past their day stand out. Her team adds them and
// marks them done; reminders go out through the job queue well before they fall due.
import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import type { operations } from '../../api/schema';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { dayOf } from './plan';
import { Note } from './part';
import { followers } from './records';
import { isolate } from './timeline';

type Deadline = operations['listOpenDeadlines']['responses'][200]['content']['application/json']['items'][number];
type Kind = Deadline['kind'];
const kinds: Kind[] = ['residence_permit', 'asylum_step', 'benefit_renewal', 'school_enrolment', 'other'];

function DeadlineItem({ deadline, writes, ofCase, onChanged }: { deadline: Deadline; writes: boolean;
  ofCase?: boolean; onChanged: () => void }) {
  const { t, formatDate, locale } = useI18n();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const list = (words: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
  const done = () => {
    setBusy(true);
    ok(api.POST('/api/v1/deadlines/{deadline_id}/done', {
      params: { path: { deadline_id: String(deadline.id) }, header: { 'If-Match': deadline.etag } },
    })).then(onChanged).catch((error) => setErrors(errorsOf(error, t, []))).finally(() => setBusy(false));
  };
  const what = deadline.title ? `${t(`cases.deadlines.kind.${deadline.kind}`)}: ${isolate(deadline.title)}`
    : t(`cases.deadlines.kind.${deadline.kind}`);
  return (
    <li class="deadline">
      {ofCase && (
        <p><AppLink href={`/cases/${deadline.case_id}`}><bdi>{deadline.chosen_name}</bdi></AppLink>{' '}
          <span class="code" dir="ltr">{deadline.case_code}</span></p>
      )}
      <span class="team__name">{what}</span>{' '}
      {deadline.done_at !== null ? (
        <span class="state state--active">{t('cases.deadlines.done_on', { day: formatDate(deadline.done_at) })}</span>
      ) : (
        <span class={`state state--${deadline.overdue ? 'suspended' : 'intake'}`}>
          {t(deadline.overdue ? 'cases.deadlines.overdue' : 'cases.deadlines.due', { day: formatDate(dayOf(deadline.due_on)) })}
        </span>
      )}
      {deadline.documents.length > 0 && (
        <p class="hint">{t('cases.deadlines.needs', { documents: list(deadline.documents.map(isolate)) })}</p>
      )}
      <ErrorSummary id={`deadline-${deadline.id}-errors`} errors={errors} labels={{}} />
      {writes && deadline.done_at === null && (
        <button type="button" class="button small" disabled={busy} onClick={done}>
          {t('cases.deadlines.mark_done')}<span class="visually-hidden"> ({what})</span>
        </button>
      )}
    </li>
  );
}

export function DeadlinesPanel({ caseId, readAt, writes, onChanged }: { caseId: string; readAt: number;
  writes: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [deadlines, setDeadlines] = useState<Deadline[] | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [kind, setKind] = useState<Kind>('residence_permit');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [documents, setDocuments] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const inCase = { path: { case_id: caseId } };
  const labels = { kind: t('cases.deadlines.kind_label'), title: t('cases.deadlines.title_field'),
    due_on: t('cases.deadlines.due_on'), documents: t('cases.deadlines.documents') };
  const read = () => ok(api.GET('/api/v1/cases/{case_id}/deadlines', { params: inCase }))
    .then((got) => { setDeadlines(got.items as Deadline[]); setFailed(noErrors); })
    .catch((error) => setFailed(errorsOf(error, t, [])));
  useEffect(() => { read(); }, [caseId, readAt]);
  const changed = () => { read(); onChanged(); };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaid('');
    if (!due) return setErrors({ summary: [], fields: { due_on: t('cases.deadlines.due_missing') } });
    setBusy(true);
    try {
      const needed = documents.split('\n').map((line) => line.trim()).filter(Boolean);
      await ok(api.POST('/api/v1/cases/{case_id}/deadlines', { params: inCase,
        body: { kind, due_on: due, ...(title.trim() ? { title: title.trim() } : {}), documents: needed } }));
      setErrors(noErrors);
      setTitle('');
      setDue('');
      setDocuments('');
      setSaid(t('cases.deadlines.added'));
      changed();
    } catch (error) {
      setErrors(errorsOf(error, t, ['kind', 'title', 'due_on', 'documents']));
    }
    setBusy(false);
  };
  return (
    <section aria-labelledby="deadlines-title" class="panel">
      <h2 id="deadlines-title">{t('cases.deadlines.title')}</h2>
      <ErrorSummary id="deadlines-read-errors" errors={failed} labels={{}} />
      {deadlines?.length === 0 && <p class="hint" id="deadlines-none">{t('cases.deadlines.none')}</p>}
      {deadlines && deadlines.length > 0 && (
        <ul class="team deadlines__list">
          {deadlines.map((deadline) => (
            <DeadlineItem key={deadline.id} deadline={deadline} writes={writes} onChanged={changed} />
          ))}
        </ul>
      )}
      {writes && (
        <details class="disclosure">
          <summary id="deadline-add-title">{t('cases.deadlines.add')}</summary>
          <form onSubmit={submit} noValidate class="narrow" aria-labelledby="deadline-add-title">
            <ErrorSummary id="deadline-errors" errors={errors} labels={labels} />
            <div class="field">
              <label for="field-kind">{labels.kind}</label>
              <select id="field-kind" value={kind} onChange={(event) => setKind((event.target as HTMLSelectElement).value as Kind)}>
                {kinds.map((option) => <option key={option} value={option}>{t(`cases.deadlines.kind.${option}`)}</option>)}
              </select>
            </div>
            <Field name="title" label={labels.title} value={title} error={errors.fields.title} onInput={setTitle} />
            <Field name="due_on" label={labels.due_on} type="date" value={due} error={errors.fields.due_on} onInput={setDue} />
            <Note name="documents" label={labels.documents} hint={t('cases.deadlines.documents_hint')} value={documents}
              maxLength={2000} errors={errors} onInput={setDocuments} />
            <Submit busy={busy}>{t('cases.deadlines.submit')}</Submit>
            <p role="status" class="confirmation">{said}</p>
          </form>
        </details>
      )}
    </section>
  );
}

// The open deadlines of the organization's cases that the reader reads, due within a month (or
// three, or past their day only), the soonest first, a page at a time.
export function DeadlinesScreen() {
  const { t } = useI18n();
  const { session } = useAppState();
  useTitle(t('cases.deadlines.screen_title'));
  const organization = session?.user.memberships.find((m) => followers.includes(m.role))?.organization_id ?? 0;
  const [deadlines, setDeadlines] = useState<Deadline[] | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [within, setWithin] = useState(30);  // days ahead; 0: those past their day only
  const page = (cursor?: string) => {
    if (!organization) return;
    const before = new Date(Date.now() + (within + (within ? 1 : 0)) * 86_400_000);
    const due_before = `${before.getFullYear()}-${String(before.getMonth() + 1).padStart(2, '0')}-${
      String(before.getDate()).padStart(2, '0')}`;
    ok(api.GET('/api/v1/organizations/{organization_id}/deadlines', { params: {
      path: { organization_id: String(organization) }, query: { due_before, ...(cursor ? { cursor } : {}) } } }))
      .then((got) => { setDeadlines((shown) => cursor ? [...shown ?? [], ...got.items] : got.items); setMore(got.next_cursor); })
      .catch((error) => setFailed(errorsOf(error, t, [])));
  };
  useEffect(() => page(), [organization, within]);
  return (
    <section class="deadlines">
      <h1>{t('cases.deadlines.screen_title')}</h1>
      <p class="lead">{t('cases.deadlines.screen_lead')}</p>
      <div class="field">
        <label for="field-within">{t('cases.deadlines.within')}</label>
        <select id="field-within" value={String(within)}
          onChange={(event) => setWithin(Number((event.target as HTMLSelectElement).value))}>
          {[0, 30, 90].map((days) => <option key={days} value={String(days)}>{t('cases.deadlines.within_days', { days })}</option>)}
        </select>
      </div>
      <ErrorSummary id="deadlines-errors" errors={failed} labels={{}} />
      {deadlines?.length === 0 && <p>{t('cases.deadlines.screen_none')}</p>}
      {deadlines && deadlines.length > 0 && (
        <ul class="team deadlines__list">
          {deadlines.map((deadline) => (
            <DeadlineItem key={deadline.id} deadline={deadline} writes={false} ofCase onChanged={() => page()} />
          ))}
        </ul>
      )}
      {more && <button type="button" class="button" onClick={() => page(more)}>{t('cases.deadlines.more')}</button>}
    </section>
  );
}
