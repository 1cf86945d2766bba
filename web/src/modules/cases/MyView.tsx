// Her own view, phone first and in plain words: her plan (what changed, her goals, the actions
// that are hers with "I did it" and "I need help"), the messages and documents her team shares
// with her, and her next appointments, each to add to her calendar. The server leaves out whatever
// her safe-contact rules say must not name the organization; the screens' titles and addresses
// ("My plan", /plan) name nothing either, as her browser's history may be read by someone else.
import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import type { operations } from '../../api/schema';
import { ErrorSummary, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { Icon } from '../../components/Icon/Icon';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { changeSentence, dayOf, isOpen } from './plan';
import { Note } from './part';
import { isolate } from './timeline';

type HerCase = operations['listMyCases']['responses'][200]['content']['application/json']['items'][number];
type HerAction = NonNullable<HerCase['plan']>['goals'][number]['actions'][number];

// Her cases, read once and again after she changes something.
function useHerCases() {
  const { t } = useI18n();
  const [cases, setCases] = useState<HerCase[] | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [readAt, setReadAt] = useState(0);
  useEffect(() => {
    ok(api.GET('/api/v1/my/cases', {})).then((read) => { setCases(read.items); setFailed(noErrors); })
      .catch((error) => setFailed(errorsOf(error, t, [])));
  }, [readAt]);
  return { cases, failed, reload: () => setReadAt(Date.now()) };
}

export function MyPlanScreen() {
  const { t } = useI18n();
  useTitle(t('cases.her.plan_title'));
  const { cases, failed, reload } = useHerCases();
  const planned = cases?.filter((her) => her.plan) ?? [];
  return (
    <section class="her">
      <h1>{t('cases.her.plan_title')}</h1>
      <ErrorSummary id="her-errors" errors={failed} labels={{}} />
      {cases && planned.length === 0 && <p class="lead">{t('cases.her.no_plan')}</p>}
      {planned.map((her) => <HerPlan key={her.case_id} her={her} onChanged={reload} />)}
      {cases?.map((her) => <Shared key={`shared-${her.case_id}`} her={her} />)}
    </section>
  );
}

function HerPlan({ her, onChanged }: { her: HerCase; onChanged: () => void }) {
  const { t, formatDate, locale } = useI18n();
  const plan = her.plan!;
  const day = (iso: string) => formatDate(dayOf(iso));
  const list = (words: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
  return (
    <>
      {plan.changes.length > 0 && (
        <div class="notice her__changes" role="note">
          <h2>{t('cases.her.changed', { day: plan.updated_at ?? 0 })}</h2>
          <ul>
            {plan.changes.map((change, index) => {
              const sentence = changeSentence(change, t, list, day);
              return <li key={index}>{t(sentence.key, sentence.values)}</li>;
            })}
          </ul>
        </div>
      )}
      <ol class="her__goals">
        {plan.goals.map((goal) => (
          <li key={goal.id} class="card her__goal">
            <h2><span class="scores__domain">{t(`progress_chart.domain.${goal.domain}`)}</span>: <bdi>{goal.statement}</bdi></h2>
            {goal.target && <p>{t('cases.her.target', { target: isolate(goal.target) })}</p>}
            <ul class="her__actions">
              {goal.actions.map((action) => (
                <HerActionItem key={action.id} action={action} day={day} onChanged={onChanged} />
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}

function HerActionItem({ action, day, onChanged }: { action: HerAction; day: (iso: string) => string;
  onChanged: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [said, setSaid] = useState('');
  const mine = action.owner === 'her';
  const who = mine ? t('cases.her.by_me') : action.owner_name ? isolate(action.owner_name)
    : t(`cases.her.by_${action.owner}`);
  const path = { params: { path: { action_id: String(action.id) } } };
  const markDone = () => {
    setBusy(true);
    ok(api.POST('/api/v1/my/actions/{action_id}/done', path)).then(() => { setSaid(t('cases.her.well_done')); onChanged(); })
      .catch((error) => setErrors(errorsOf(error, t, [])))
      .finally(() => setBusy(false));
  };
  const ask = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    ok(api.POST('/api/v1/my/actions/{action_id}/help', { ...path, body: message ? { message } : {} }))
      .then(() => { setAsking(false); setMessage(''); setSaid(t('cases.her.help_sent')); })
      .catch((error) => setErrors(errorsOf(error, t, ['message'])))
      .finally(() => setBusy(false));
  };
  return (
    <li class={`her__action her__action--${action.state}`}>
      <p class="her__action-title">
        {action.state === 'done' && <Icon name="check" />}
        <bdi>{action.title}</bdi>
      </p>
      <p class="hint">{t('cases.her.action_facts', { who, day: day(action.due_on) })} · {t(`cases.plan.state.${action.state}`)}</p>
      <ErrorSummary id={`action-${action.id}-errors`} errors={errors} labels={{ message: t('cases.her.help_message') }} />
      {mine && isOpen(action.state) && !asking && (
        <p class="her__buttons">
          <button type="button" class="button primary" disabled={busy} onClick={markDone}>
            {t('cases.her.did_it')}<span class="visually-hidden"> ({isolate(action.title)})</span>
          </button>{' '}
          <button type="button" class="button" disabled={busy} onClick={() => setAsking(true)}>
            {t('cases.her.need_help')}<span class="visually-hidden"> ({isolate(action.title)})</span>
          </button>
        </p>
      )}
      {asking && (
        <form class="her__help" onSubmit={ask} noValidate>
          <Note name={`help-${action.id}`} label={t('cases.her.help_message')} hint={t('cases.her.help_hint')}
            value={message} maxLength={2000} errors={errors} onInput={setMessage} />
          <Submit busy={busy}>{t('cases.her.send_help')}</Submit>{' '}
          <button type="button" class="button" onClick={() => setAsking(false)}>{t('cases.her.cancel')}</button>
        </form>
      )}
      <p role="status" class="her__said">{said}</p>
    </li>
  );
}

// What her team shares with her: its messages, and documents to download.
function Shared({ her }: { her: HerCase }) {
  const { t, formatDate } = useI18n();
  if (her.notes.length === 0 && her.documents.length === 0) return null;
  return (
    <>
      {her.notes.length > 0 && (
        <div class="her__notes">
          <h2>{t('cases.her.messages')}</h2>
          <ul class="cards">
            {her.notes.map((note) => (
              <li key={note.id} class="card">
                <p class="hint">{formatDate(note.created_at)}</p>
                <p dir="auto">{note.text}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {her.documents.length > 0 && (
        <div class="her__documents">
          <h2>{t('cases.her.documents')}</h2>
          <ul>
            {her.documents.map((document) => (
              <li key={document.id}>
                <a href={`/api/v1/my/cases/${her.case_id}/documents/${document.id}`} download>
                  <Icon name="download" /> <bdi>{document.name}</bdi>
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

export function MyAppointmentsScreen() {
  const { t, locale } = useI18n();
  useTitle(t('cases.her.appointments_title'));
  const { cases, failed } = useHerCases();
  const appointments = (cases ?? []).flatMap((her) => her.appointments).sort((a, b) => a.starts_at - b.starts_at);
  return (
    <section class="her">
      <h1>{t('cases.her.appointments_title')}</h1>
      <ErrorSummary id="her-errors" errors={failed} labels={{}} />
      {cases && appointments.length === 0 && <p class="lead">{t('cases.her.no_appointment')}</p>}
      <ul class="cards her__appointments">
        {appointments.map((appointment) => (
          <li key={appointment.id} class="card">
            <h2>{whenOf(appointment.starts_at, appointment.time_zone, locale)}</h2>
            <p>{t('cases.her.where', { where: isolate([appointment.place_name, appointment.place_address]
              .filter(Boolean).join(', ')) })}</p>
            {appointment.worker_name && <p>{t('cases.her.with', { name: isolate(appointment.worker_name) })}</p>}
            {appointment.interpreter_language && (
              <p>{t('cases.her.interpreter', { language: languageName(appointment.interpreter_language) })}</p>
            )}
            <a class="button" href={`/api/v1/my/appointments/${appointment.id}/calendar`} download="appointment.ics">
              <Icon name="calendar" /> {t('cases.her.add_to_calendar')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The day and hour of an appointment as the clock reads where it takes place (her phone may be set
// to another zone, or to none).
export function whenOf(at: number, timeZone: string, locale: string) {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: timeZone || undefined }).format(at);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(at);
  }
}

// The name of a language in her own language ("ar" is "العربية" in Arabic, "Arabic" in English).
export function languageName(tag: string) {
  try {
    return new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
