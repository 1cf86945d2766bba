// The multidisciplinary teams: the list of those she sits on (or coordinates), and a team's page:
// its members, the cases shared with it (her code and chosen name, nothing else), its meetings,
// and planning the next one on an agenda of those cases.
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ok } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { Check } from './part';

interface TeamSummary { id: number; name: string; members: { user_id: number; display_name: string }[] }
interface SharedCase { case_id: number; code: string; chosen_name: string }
interface MeetingSummary { id: number; starts_at: number; place: string }
interface TeamPage extends TeamSummary { cases: SharedCase[]; meetings: MeetingSummary[] }

export function TeamsScreen() {
  const { t } = useI18n();
  useTitle(t('cases.mdt.title'));
  const [teams, setTeams] = useState<TeamSummary[] | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  useEffect(() => {
    ok(api.GET('/api/v1/teams', {})).then((got) => setTeams(got.items as TeamSummary[]))
      .catch((error) => setFailed(errorsOf(error, t, [])));
  }, []);
  return (
    <section class="teams">
      <h1>{t('cases.mdt.title')}</h1>
      <ErrorSummary id="teams-errors" errors={failed} labels={{}} />
      {teams?.length === 0 && <p>{t('cases.mdt.none')}</p>}
      <ul class="cards">
        {teams?.map((team) => (
          <li key={team.id} class="card">
            <AppLink href={`/teams/${team.id}`}><bdi>{team.name}</bdi></AppLink>
            <p>{t('cases.mdt.members_count', { count: team.members.length })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TeamScreen({ id }: { id?: string }) {
  const { t } = useI18n();
  const route = useRoute();
  const { route: go } = useLocation();
  const teamId = id ?? route?.params?.id ?? '';
  useTitle(t('cases.mdt.team_title'));
  const [team, setTeam] = useState<TeamPage | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [place, setPlace] = useState('');
  const [agenda, setAgenda] = useState<number[]>([]);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const inTeam = { path: { team_id: teamId } };
  const labels = { starts_at: t('cases.mdt.when'), place: t('cases.mdt.place'), case_ids: t('cases.mdt.agenda') };

  const read = () => ok(api.GET('/api/v1/teams/{team_id}', { params: inTeam }))
    .then((got) => { setTeam(got as TeamPage); setFailed(noErrors); })
    .catch((error) => setFailed(errorsOf(error, t, [])));
  useEffect(() => { read(); }, [teamId]);

  const plan = async (event: Event) => {
    event.preventDefault();
    const startsAt = new Date(`${day}T${time || '09:00'}`).getTime();
    const missing: Record<string, string> = {};
    if (!day || Number.isNaN(startsAt)) missing.starts_at = t('cases.mdt.when_missing');
    if (!place.trim()) missing.place = t('cases.mdt.place_missing');
    if (agenda.length === 0) missing.case_ids = t('cases.mdt.agenda_missing');
    if (Object.keys(missing).length > 0) return setErrors({ summary: [], fields: missing });
    setBusy(true);
    try {
      const made = await ok(api.POST('/api/v1/teams/{team_id}/meetings', {
        params: inTeam, body: { starts_at: startsAt, place: place.trim(), case_ids: agenda },
      }));
      setErrors(noErrors);
      go(`/meetings/${made.id}`);
    } catch (error) {
      setErrors(errorsOf(error, t, Object.keys(labels)));
    }
    setBusy(false);
  };

  return (
    <section class="team-page">
      <p><AppLink href="/teams" class="back">{t('cases.mdt.back')}</AppLink></p>
      <h1>{team ? <bdi>{team.name}</bdi> : t('cases.mdt.team_title')}</h1>
      <ErrorSummary id="team-page-errors" errors={failed} labels={{}} />
      {team && (
        <>
          <section aria-labelledby="mdt-members-title" class="panel">
            <h2 id="mdt-members-title">{t('cases.mdt.members')}</h2>
            <ul class="team">
              {team.members.map((member) => <li key={member.user_id}><bdi>{member.display_name}</bdi></li>)}
            </ul>
          </section>
          <section aria-labelledby="mdt-cases-title" class="panel">
            <h2 id="mdt-cases-title">{t('cases.mdt.cases')}</h2>
            {team.cases.length === 0 ? <p>{t('cases.mdt.no_cases')}</p> : (
              <ul class="team">
                {team.cases.map((shared) => (
                  <li key={shared.case_id}><bdi>{shared.chosen_name}</bdi>{' '}
                    <span class="code" dir="ltr">{shared.code}</span></li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="mdt-meetings-title" class="panel">
            <h2 id="mdt-meetings-title">{t('cases.mdt.meetings')}</h2>
            {team.meetings.length === 0 ? <p>{t('cases.mdt.no_meetings')}</p> : (
              <ul class="team">
                {team.meetings.map((meeting) => (
                  <li key={meeting.id}>
                    <AppLink href={`/meetings/${meeting.id}`}>
                      {t('cases.mdt.meeting_at', { at: meeting.starts_at })}</AppLink>{' '}
                    <bdi>{meeting.place}</bdi>
                  </li>
                ))}
              </ul>
            )}
            {team.cases.length > 0 && (
              <details class="disclosure">
                <summary id="mdt-plan-title">{t('cases.mdt.plan')}</summary>
                <form onSubmit={plan} noValidate class="narrow" aria-labelledby="mdt-plan-title">
                  <ErrorSummary id="mdt-plan-errors" errors={errors} labels={labels} />
                  <Field name="starts_at" label={labels.starts_at} type="date" value={day} error={errors.fields.starts_at}
                    onInput={setDay} />
                  <Field name="time" label={t('cases.mdt.time')} type="time" value={time} onInput={setTime} />
                  <Field name="place" label={labels.place} value={place} error={errors.fields.place} onInput={setPlace} />
                  <fieldset class="choices" id="field-case_ids" tabIndex={-1}>
                    <legend>{labels.case_ids}</legend>
                    {errors.fields.case_ids && <p class="field-error">{errors.fields.case_ids}</p>}
                    {team.cases.map((shared) => (
                      <Check key={shared.case_id} name={`case-${shared.case_id}`} label={shared.chosen_name}
                        checked={agenda.includes(shared.case_id)}
                        onChange={(on) => setAgenda((now) => on ? [...now, shared.case_id]
                          : now.filter((other) => other !== shared.case_id))} />
                    ))}
                  </fieldset>
                  <Submit busy={busy}>{t('cases.mdt.plan_submit')}</Submit>
                </form>
              </details>
            )}
          </section>
        </>
      )}
    </section>
  );
}
