// Her appointments at the listening space on the case screen: each with its day and hour (as the
// clock reads at the place), the kind of visit, the place, her worker and the interpreter booked
// with the language needed; its outcome recorded (she came, she did not, it was cancelled and
// why). Her team books the next one: a place of the organization, a day, a worker of her team, one
// of the free times the server finds at the place's opening hours, and an interpreter.
import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import type { operations } from '../../api/schema';
import { ErrorSummary, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { languageName, whenOf } from './MyView';
import { Note } from './part';
import { isolate } from './timeline';
import type { TeamMember } from './records';

type Appointment = operations['listCaseAppointments']['responses'][200]['content']['application/json']['items'][number];
type Place = operations['listPlaces']['responses'][200]['content']['application/json']['items'][number];
type Interpreter = operations['listInterpreters']['responses'][200]['content']['application/json']['items'][number];
type Slot = { starts_at: number; ends_at: number };
type Visit = Appointment['visit'];

interface PanelProps {
  caseId: string;
  organizationId: number;
  readAt: number;
  team: TeamMember[];
  books: boolean;  // she may book and record outcomes
  firstVisit: boolean;  // the case is still in intake
  onChanged: () => void;
}

// Tomorrow, as YYYY-MM-DD of the reader's calendar.
function tomorrow() {
  const day = new Date(Date.now() + 86_400_000);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

export function AppointmentsPanel({ caseId, organizationId, readAt, team, books, firstVisit, onChanged }: PanelProps) {
  const { t, locale } = useI18n();
  const [appointments, setAppointments] = useState<Appointment[] | null>(null);
  const [places, setPlaces] = useState<Place[]>([]);
  const [interpreters, setInterpreters] = useState<Interpreter[]>([]);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const inCase = { path: { case_id: caseId } };
  const inOrganization = { path: { organization_id: String(organizationId) } };

  const read = () => ok(api.GET('/api/v1/cases/{case_id}/appointments', { params: inCase }))
    .then((got) => { setAppointments(got.items); setFailed(noErrors); })
    .catch((error) => setFailed(errorsOf(error, t, [])));
  useEffect(() => { read(); }, [caseId, readAt]);
  useEffect(() => {
    if (!books) return;
    ok(api.GET('/api/v1/organizations/{organization_id}/places', { params: inOrganization }))
      .then((got) => setPlaces(got.items)).catch(() => setPlaces([]));
    ok(api.GET('/api/v1/organizations/{organization_id}/interpreters', { params: inOrganization }))
      .then((got) => setInterpreters(got.items)).catch(() => setInterpreters([]));
  }, [organizationId, books]);

  const zoneOf = (placeId?: number) => places.find((place) => place.id === placeId)?.time_zone ?? '';
  const changed = () => { read(); onChanged(); };
  return (
    <section aria-labelledby="appointments-title" class="panel">
      <h2 id="appointments-title">{t('cases.appointments.title')}</h2>
      <ErrorSummary id="appointments-read-errors" errors={failed} labels={{}} />
      {appointments?.length === 0 && <p class="hint" id="appointments-none">{t('cases.appointments.none')}</p>}
      {appointments && appointments.length > 0 && (
        <ul class="team appointments__list">
          {appointments.map((appointment) => (
            <AppointmentItem key={appointment.id} appointment={appointment} books={books}
              when={whenOf(appointment.starts_at, zoneOf(appointment.place?.id), locale)} onChanged={changed} />
          ))}
        </ul>
      )}
      {books && places.length > 0 && (
        <BookForm caseId={caseId} places={places} interpreters={interpreters} team={team}
          visit={firstVisit ? 'intake' : 'follow_up'} onBooked={changed} />
      )}
    </section>
  );
}

function AppointmentItem({ appointment, books, when, onChanged }: { appointment: Appointment; books: boolean;
  when: string; onChanged: () => void }) {
  const { t } = useI18n();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const record = (state: 'attended' | 'no_show' | 'cancelled') => {
    setBusy(true);
    ok(api.POST('/api/v1/appointments/{appointment_id}/outcome', {
      params: { path: { appointment_id: String(appointment.id) }, header: { 'If-Match': appointment.etag } },
      body: state === 'cancelled' ? { state, reason } : { state },
    })).then(() => { setCancelling(false); setErrors(noErrors); onChanged(); })
      .catch((error) => setErrors(errorsOf(error, t, ['reason'])))
      .finally(() => setBusy(false));
  };
  const facts = t('cases.appointments.facts', { when, visit: t(`cases.appointments.visit.${appointment.visit}`),
    place: isolate(appointment.place?.name ?? ''), worker: isolate(appointment.worker?.name ?? '') });
  return (
    <li class="appointments__item">
      <span class="team__name">{facts}</span>{' '}
      <span class={`state state--${appointment.state === 'booked' ? 'intake' : appointment.state === 'attended'
        ? 'active' : 'closed'}`}>{t(`cases.appointments.state.${appointment.state}`)}</span>
      {appointment.interpreter && (
        <p class="hint">{t('cases.appointments.with_interpreter', { name: isolate(appointment.interpreter.name),
          language: languageName(appointment.interpreter_language ?? '') })}</p>
      )}
      {appointment.reason && <p class="hint"><q dir="auto">{appointment.reason}</q></p>}
      <ErrorSummary id={`appointment-${appointment.id}-errors`} errors={errors}
        labels={{ reason: t('cases.appointments.cancel_reason') }} />
      {books && appointment.state === 'booked' && !cancelling && (
        <p class="her__buttons">
          <button type="button" class="button small" disabled={busy} onClick={() => record('attended')}>
            {t('cases.appointments.attended')}</button>
          <button type="button" class="button small" disabled={busy} onClick={() => record('no_show')}>
            {t('cases.appointments.no_show')}</button>
          <button type="button" class="button small" disabled={busy} onClick={() => setCancelling(true)}>
            {t('cases.appointments.cancel')}</button>
        </p>
      )}
      {cancelling && (
        <form noValidate onSubmit={(event) => { event.preventDefault(); record('cancelled'); }}>
          <Note name={`cancel-${appointment.id}`} label={t('cases.appointments.cancel_reason')} value={reason}
            maxLength={2000} errors={errors} onInput={setReason} />
          <Submit busy={busy}>{t('cases.appointments.cancel_submit')}</Submit>
        </form>
      )}
    </li>
  );
}

function BookForm({ caseId, places, interpreters, team, visit: firstVisit, onBooked }: { caseId: string;
  places: Place[]; interpreters: Interpreter[]; team: TeamMember[]; visit: Visit; onBooked: () => void }) {
  const { t, locale } = useI18n();
  const [place, setPlace] = useState(places[0].id);
  const [day, setDay] = useState(tomorrow());
  const [worker, setWorker] = useState(team.find((member) => member.role === 'lead')?.user_id ?? team[0]?.user_id ?? 0);
  const [visit, setVisit] = useState<Visit>(firstVisit);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slot, setSlot] = useState(0);
  const [interpreter, setInterpreter] = useState(0);
  const [language, setLanguage] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const zone = places.find((candidate) => candidate.id === place)?.time_zone ?? '';
  const labels = { place_id: t('cases.appointments.place'), day: t('cases.appointments.day'),
    worker_user_id: t('cases.appointments.worker'), visit: t('cases.appointments.visit_label'),
    starts_at: t('cases.appointments.slot'), interpreter_id: t('cases.appointments.interpreter'),
    interpreter_language: t('cases.appointments.language') };

  useEffect(() => {
    setSlots(null);
    setSlot(0);
    if (!day || !worker) return;
    ok(api.GET('/api/v1/places/{place_id}/slots', { params: { path: { place_id: String(place) },
      query: { date: day, worker_id: worker } } }))
      .then((got) => { setSlots(got.items); setSlot(got.items[0]?.starts_at ?? 0); })
      .catch((error) => { setSlots([]); setErrors(errorsOf(error, t, [])); });
  }, [place, day, worker]);
  const languages = interpreters.find((candidate) => candidate.id === interpreter)?.languages ?? [];
  useEffect(() => setLanguage(languages[0] ?? ''), [interpreter]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaid('');
    const chosen = slots?.find((candidate) => candidate.starts_at === slot);
    if (!chosen) return setErrors({ summary: [], fields: { starts_at: t('cases.appointments.no_slot') } });
    setBusy(true);
    try {
      await ok(api.POST('/api/v1/cases/{case_id}/appointments', { params: { path: { case_id: caseId } }, body: {
        place_id: place, worker_user_id: worker, visit, starts_at: chosen.starts_at, ends_at: chosen.ends_at,
        ...(interpreter ? { interpreter_id: interpreter, interpreter_language: language } : {}) } }));
      setErrors(noErrors);
      setSaid(t('cases.appointments.booked', { when: whenOf(chosen.starts_at, zone, locale) }));
      onBooked();
    } catch (error) {
      setErrors(errorsOf(error, t, Object.keys(labels)));
    }
    setBusy(false);
  };
  const select = (name: keyof typeof labels, value: string | number, onChange: (value: string) => void,
    options: { value: string | number; label: string }[]) => (
    <div class={errors.fields[name] ? 'field field-invalid' : 'field'}>
      <label for={`field-${name}`}>{labels[name]}</label>
      {errors.fields[name] && <p class="field-error" id={`field-${name}-error`}>{errors.fields[name]}</p>}
      <select id={`field-${name}`} value={String(value)} aria-invalid={errors.fields[name] ? 'true' : undefined}
        aria-describedby={errors.fields[name] ? `field-${name}-error` : undefined}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        {options.map((option) => <option key={option.value} value={String(option.value)}>{option.label}</option>)}
      </select>
    </div>
  );
  return (
    <details class="disclosure">
      <summary id="appointment-book-title">{t('cases.appointments.book')}</summary>
      <form onSubmit={submit} noValidate class="narrow" aria-labelledby="appointment-book-title">
        <ErrorSummary id="appointment-errors" errors={errors} labels={labels} />
        {select('place_id', place, (value) => setPlace(Number(value)),
          places.map((candidate) => ({ value: candidate.id, label: candidate.name })))}
        <div class={errors.fields.day ? 'field field-invalid' : 'field'}>
          <label for="field-day">{labels.day}</label>
          <input id="field-day" type="date" value={day} onInput={(event) => setDay((event.target as HTMLInputElement).value)} />
        </div>
        {select('worker_user_id', worker, (value) => setWorker(Number(value)),
          team.map((member) => ({ value: member.user_id, label: member.display_name })))}
        {slots?.length === 0 && <p class="hint" id="appointment-no-slot">{t('cases.appointments.no_slot')}</p>}
        {slots && slots.length > 0 && select('starts_at', slot, (value) => setSlot(Number(value)),
          slots.map((candidate) => ({ value: candidate.starts_at, label: new Intl.DateTimeFormat(locale,
            { timeStyle: 'short', timeZone: zone || undefined }).format(candidate.starts_at) })))}
        {select('visit', visit, (value) => setVisit(value as Visit),
          (['intake', 'follow_up', 'walk_in'] as const).map((kind) =>
            ({ value: kind, label: t(`cases.appointments.visit.${kind}`) })))}
        {select('interpreter_id', interpreter, (value) => setInterpreter(Number(value)),
          [{ value: 0, label: t('cases.appointments.no_interpreter') },
            ...interpreters.map((candidate) => ({ value: candidate.id, label: candidate.name }))])}
        {interpreter !== 0 && select('interpreter_language', language, setLanguage,
          languages.map((tag) => ({ value: tag, label: languageName(tag) })))}
        <Submit busy={busy}>{t('cases.appointments.submit')}</Submit>
        <p role="status" class="confirmation">{said}</p>
      </form>
    </details>
  );
}
