// A meeting of a multidisciplinary team: for each case on its agenda (still shared with the team),
// the minutes its members write, and the decisions they take, each one an action of her plan under
// one of its goals, done by her or by the organization of the member who records it.
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { Note } from './part';

interface Decision { id: number; title: string; owner: string; due_on: string }
interface Goal { id: number; domain: string; statement: string }
interface Item { id: number; case_id: number; code: string; chosen_name: string; minutes: string;
  decisions: Decision[]; goals: Goal[] }
interface MeetingPage { id: number; team_id: number; starts_at: number; place: string; agenda: Item[] }
interface Seat { user_id: number; organization_id: number }

function AgendaItem({ meetingId, item, seat, onChanged }:
  { meetingId: number; item: Item; seat: Seat | undefined; onChanged: () => void }) {
  const { t } = useI18n();
  const [minutes, setMinutes] = useState(item.minutes);
  const [goal, setGoal] = useState(item.goals[0] ? String(item.goals[0].id) : '');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [ours, setOurs] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const at = (name: string) => `${name}-${item.id}`;
  const labels = { [at('minutes')]: t('cases.mdt.minutes'), [at('goal_id')]: t('cases.mdt.goal'),
    [at('title')]: t('cases.mdt.decision'), [at('due_on')]: t('cases.mdt.due_on') };
  const inItem = { path: { meeting_id: String(meetingId), item_id: String(item.id) } };

  const send = async (call: () => Promise<unknown>, done: string, fields: string[]) => {
    setBusy(true);
    setSaid('');
    try {
      await call();
      setErrors(noErrors);
      setSaid(done);
      onChanged();
    } catch (error) {
      const found = errorsOf(error, t, fields);
      setErrors({ summary: found.summary,
        fields: Object.fromEntries(Object.entries(found.fields).map(([field, message]) => [at(field), message])) });
    }
    setBusy(false);
  };
  const writeMinutes = (event: Event) => {
    event.preventDefault();
    if (!minutes.trim()) return setErrors({ summary: [], fields: { [at('minutes')]: t('cases.mdt.minutes_missing') } });
    send(() => ok(api.PUT('/api/v1/meetings/{meeting_id}/items/{item_id}/minutes',
      { params: inItem, body: { minutes } })), t('cases.mdt.minutes_saved'), ['minutes']);
  };
  const decide = (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!title.trim()) missing[at('title')] = t('cases.mdt.decision_missing');
    if (!due) missing[at('due_on')] = t('cases.mdt.due_missing');
    if (Object.keys(missing).length > 0) return setErrors({ summary: [], fields: missing });
    const owner = ours && seat ? { owner: 'partner' as const, owner_organization_id: seat.organization_id }
      : { owner: 'her' as const };
    send(() => ok(api.POST('/api/v1/meetings/{meeting_id}/items/{item_id}/decisions', {
      params: inItem, body: { goal_id: Number(goal), title: title.trim(), due_on: due, ...owner },
    })).then(() => { setTitle(''); setDue(''); }), t('cases.mdt.decided'), ['goal_id', 'title', 'due_on']);
  };

  const heading = `item-${item.id}-title`;
  return (
    <section aria-labelledby={heading} class="panel">
      <h2 id={heading}><bdi>{item.chosen_name}</bdi> <span class="code" dir="ltr">{item.code}</span></h2>
      <ErrorSummary id={`item-${item.id}-errors`} errors={errors} labels={labels} />
      <p role="status" class="confirmation">{said}</p>
      <form onSubmit={writeMinutes} noValidate aria-labelledby={at('minutes-title')}>
        <h3 id={at('minutes-title')}>{t('cases.mdt.minutes')}</h3>
        <Note name={at('minutes')} label={t('cases.mdt.minutes_label')} value={minutes} errors={errors}
          onInput={setMinutes} />
        <Submit busy={busy}>{t('cases.mdt.minutes_save')}</Submit>
      </form>
      <h3 id={at('decisions-title')}>{t('cases.mdt.decisions')}</h3>
      {item.decisions.length === 0 ? <p>{t('cases.mdt.no_decisions')}</p> : (
        <ul class="team" aria-labelledby={at('decisions-title')}>
          {item.decisions.map((decision) => (
            <li key={decision.id}><bdi>{decision.title}</bdi>{' '}
              <span class="team__role">{t(`cases.mdt.owner_${decision.owner}`)} · {decision.due_on}</span></li>
          ))}
        </ul>
      )}
      {item.goals.length === 0 ? <p>{t('cases.mdt.no_goals')}</p> : (
        <details class="disclosure">
          <summary id={at('decide-title')}>{t('cases.mdt.decide')}</summary>
          <form onSubmit={decide} noValidate class="narrow" aria-labelledby={at('decide-title')}>
            <div class="field">
              <label for={`field-${at('goal_id')}`}>{labels[at('goal_id')]}</label>
              <select id={`field-${at('goal_id')}`} value={goal}
                onChange={(event) => setGoal((event.target as HTMLSelectElement).value)}>
                {item.goals.map((option) => (
                  <option key={option.id} value={String(option.id)}>
                    {t(`progress_chart.domain.${option.domain}`)}: {option.statement}</option>
                ))}
              </select>
            </div>
            <Field name={at('title')} label={labels[at('title')]} value={title} error={errors.fields[at('title')]}
              onInput={setTitle} />
            <Field name={at('due_on')} label={labels[at('due_on')]} type="date" value={due}
              error={errors.fields[at('due_on')]} onInput={setDue} />
            <fieldset class="choices">
              <legend>{t('cases.mdt.owner')}</legend>
              {[false, true].map((mine) => (
                <div class="check" key={String(mine)}>
                  <input type="radio" name={at('owner')} id={`${at('owner')}-${mine ? 'ours' : 'her'}`}
                    checked={ours === mine} disabled={mine && !seat} onChange={() => setOurs(mine)} />
                  <label for={`${at('owner')}-${mine ? 'ours' : 'her'}`}>
                    {t(mine ? 'cases.mdt.owner_ours' : 'cases.mdt.owner_her')}</label>
                </div>
              ))}
            </fieldset>
            <Submit busy={busy}>{t('cases.mdt.decide_submit')}</Submit>
          </form>
        </details>
      )}
    </section>
  );
}

export function MeetingScreen({ id }: { id?: string }) {
  const { t } = useI18n();
  const { session } = useAppState();
  const route = useRoute();
  const meetingId = id ?? route?.params?.id ?? '';
  useTitle(t('cases.mdt.meeting_title'));
  const [meeting, setMeeting] = useState<MeetingPage | null>(null);
  const [seat, setSeat] = useState<Seat | undefined>(undefined);
  const [failed, setFailed] = useState<FormErrors>(noErrors);

  const read = async () => {
    try {
      const got = await ok(api.GET('/api/v1/meetings/{meeting_id}', { params: { path: { meeting_id: meetingId } } }));
      setMeeting(got as MeetingPage);
      const team = await ok(api.GET('/api/v1/teams/{team_id}', { params: { path: { team_id: String(got.team_id) } } }));
      setSeat((team.members as Seat[]).find((member) => member.user_id === session?.user.id));
      setFailed(noErrors);
    } catch (error) {
      setFailed(errorsOf(error, t, []));
    }
  };
  useEffect(() => { read(); }, [meetingId]);

  return (
    <section class="meeting">
      {meeting && <p><AppLink href={`/teams/${meeting.team_id}`} class="back">{t('cases.mdt.back_team')}</AppLink></p>}
      <h1>{meeting ? t('cases.mdt.meeting_at', { at: meeting.starts_at }) : t('cases.mdt.meeting_title')}</h1>
      {meeting && <p><bdi>{meeting.place}</bdi></p>}
      <ErrorSummary id="meeting-errors" errors={failed} labels={{}} />
      {meeting?.agenda.length === 0 && <p>{t('cases.mdt.agenda_empty')}</p>}
      {meeting?.agenda.map((item) => (
        <AgendaItem key={item.id} meetingId={meeting.id} item={item} seat={seat} onChanged={read} />
      ))}
    </section>
  );
}
