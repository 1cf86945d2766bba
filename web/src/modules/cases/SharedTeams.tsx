// The multidisciplinary teams a case is shared with, and how she consented; for those who move the
// case, sharing it with a team of its organization (only with her consent: her own record, or the
// consent she gave her worker on paper or aloud) and stopping the sharing.
import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { ErrorSummary, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { isolate } from './timeline';

interface Share { team_id: number; team_name: string; consent: 'her_record' | 'paper' | 'verbal'; shared_at: number }
interface TeamOption { id: number; organization_id: number; name: string }
type Consent = Share['consent'];

interface SharedTeamsProps { caseId: string; organizationId: number; readAt: number; changes: boolean; onChanged: () => void }

export function SharedTeams({ caseId, organizationId, readAt, changes, onChanged }: SharedTeamsProps) {
  const { t, formatDate } = useI18n();
  const [shares, setShares] = useState<Share[]>([]);
  const [teams, setTeams] = useState<TeamOption[]>([]);
  const [team, setTeam] = useState('');
  const [consent, setConsent] = useState<Consent>('her_record');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const inCase = { path: { case_id: caseId } };
  const labels = { team_id: t('cases.teams.team'), consent_method: t('cases.teams.consent') };

  const read = async () => {
    try {
      const got = await ok(api.GET('/api/v1/cases/{case_id}/teams', { params: inCase }));
      setShares(got.items as Share[]);
      if (changes) {
        const mine = await ok(api.GET('/api/v1/teams', {}));
        setTeams((mine.items as TeamOption[]).filter((option) => option.organization_id === organizationId));
      }
      setErrors(noErrors);
    } catch (error) {
      setErrors(errorsOf(error, t, []));
    }
  };
  useEffect(() => { read(); }, [caseId, readAt, changes]);

  const change = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setSaid('');
    try {
      await call();
      setErrors(noErrors);
      setSaid(done);
      await read();
      onChanged();
    } catch (error) {
      const found = errorsOf(error, t, Object.keys(labels));
      // Her consent is what the form asks for: said in those words, not as a missing field.
      if (found.fields.consent_method) found.fields.consent_method = t('cases.teams.consent_missing');
      setErrors(found);
    }
    setBusy(false);
  };

  const share = (event: Event) => {
    event.preventDefault();
    const id = Number(team);
    if (!id) return setErrors({ summary: [], fields: { team_id: t('cases.teams.team_missing') } });
    const body = consent === 'her_record' ? { team_id: id } : { team_id: id, consent_method: consent };
    change(() => ok(api.POST('/api/v1/cases/{case_id}/teams', { params: inCase, body })), t('cases.teams.shared'));
  };
  const unshare = (shared: Share) => change(() => ok(api.DELETE('/api/v1/cases/{case_id}/teams/{team_id}', {
    params: { path: { case_id: caseId, team_id: String(shared.team_id) } },
  })), t('cases.teams.unshared'));
  const offered = teams.filter((option) => !shares.some((shared) => shared.team_id === option.id));

  return (
    <section aria-labelledby="shared-teams-title" class="panel">
      <h2 id="shared-teams-title">{t('cases.teams.title')}</h2>
      <ErrorSummary id="shared-teams-errors" errors={errors} labels={labels} />
      {shares.length === 0 ? <p>{t('cases.teams.none')}</p> : (
        <ul class="team">
          {shares.map((shared) => (
            <li key={shared.team_id}>
              <span class="team__name"><bdi>{shared.team_name}</bdi></span>
              <span class="team__role">{t(`cases.teams.consent_${shared.consent}`)}
                {' · '}{formatDate(shared.shared_at)}</span>
              {changes && (
                <button type="button" class="button small" disabled={busy} onClick={() => unshare(shared)}>
                  {t('cases.teams.stop')}
                  <span class="visually-hidden"> ({isolate(shared.team_name)})</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="confirmation">{said}</p>
      {changes && offered.length > 0 && (
        <details class="disclosure">
          <summary id="shared-teams-add-title">{t('cases.teams.add')}</summary>
          <form onSubmit={share} noValidate class="narrow" aria-labelledby="shared-teams-add-title">
            <div class={errors.fields.team_id ? 'field field-invalid' : 'field'}>
              <label for="field-team_id">{labels.team_id}</label>
              {errors.fields.team_id && <p class="field-error" id="field-team_id-error">{errors.fields.team_id}</p>}
              <select id="field-team_id" value={team} aria-invalid={errors.fields.team_id ? 'true' : undefined}
                aria-describedby={errors.fields.team_id ? 'field-team_id-error' : undefined}
                onChange={(event) => setTeam((event.target as HTMLSelectElement).value)}>
                <option value="">{t('cases.teams.choose')}</option>
                {offered.map((option) => <option key={option.id} value={String(option.id)}>{option.name}</option>)}
              </select>
            </div>
            <fieldset class="choices" aria-describedby={errors.fields.consent_method ? 'field-consent_method-error' : undefined}>
              <legend id="field-consent_method">{labels.consent_method}</legend>
              {errors.fields.consent_method && (
                <p class="field-error" id="field-consent_method-error">{errors.fields.consent_method}</p>
              )}
              {(['her_record', 'paper', 'verbal'] as const).map((method) => (
                <div class="check" key={method}>
                  <input type="radio" name="consent_method" id={`consent-${method}`} value={method}
                    checked={consent === method} onChange={() => setConsent(method)} />
                  <label for={`consent-${method}`}>{t(`cases.teams.consent_${method}`)}</label>
                </div>
              ))}
            </fieldset>
            <Submit busy={busy}>{t('cases.teams.share')}</Submit>
          </form>
        </details>
      )}
    </section>
  );
}
