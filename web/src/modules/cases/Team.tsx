// The team of a case: its lead and members; for those who may change it, putting a worker of the
// organization on it (by her account number, for now) as a member or as its lead, and taking a
// member off it (never its lead: another lead is named first).
import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { isolate } from './timeline';
import type { CaseFile, TeamMember } from './records';

interface TeamProps {
  file: CaseFile;
  changes: boolean;  // she may change the team
  onChanged: () => void;
}

export function Team({ file, changes, onChanged }: TeamProps) {
  const { t } = useI18n();
  const [user, setUser] = useState('');
  const [role, setRole] = useState<TeamMember['role']>('member');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const labels = { user_id: t('cases.team.user_id'), role: t('cases.team.role') };
  const inCase = { path: { case_id: String(file.id) } };

  const change = async (call: () => Promise<unknown>, known: string[]) => {
    setBusy(true);
    try {
      await call();
      setErrors(noErrors);
      setUser('');
      onChanged();
    } catch (error) {
      setErrors(errorsOf(error, t, known));
    }
    setBusy(false);
  };

  const add = (event: Event) => {
    event.preventDefault();
    const id = Number(user.trim());
    if (!Number.isInteger(id) || id < 1) {
      return setErrors({ summary: [], fields: { user_id: t('cases.team.user_id_missing') } });
    }
    change(() => ok(api.POST('/api/v1/cases/{case_id}/team', { params: inCase, body: { user_id: id, role } })),
      ['user_id', 'role']);
  };

  return (
    <section aria-labelledby="team-title" class="panel">
      <h2 id="team-title">{t('cases.team.title')}</h2>
      <ErrorSummary id="team-errors" errors={errors} labels={labels} />
      <ul class="team">
        {file.team.map((member) => (
          <li key={member.user_id}>
            <span class="team__name">{member.display_name}</span>
            <span class="team__role">{t(`cases.role.${member.role}`)}</span>
            {changes && member.role !== 'lead' && (
              <button type="button" class="button small" disabled={busy}
                onClick={() => change(() => ok(api.DELETE('/api/v1/cases/{case_id}/team/{user_id}', {
                  params: { path: { case_id: String(file.id), user_id: String(member.user_id) } },
                })), [])}>
                {t('cases.team.remove')}
                {/* Tells the buttons apart for a screen reader, which reads each out of its row. */}
                <span class="visually-hidden"> ({isolate(member.display_name)})</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {changes && (
        <details class="disclosure">
          <summary id="team-add-title">{t('cases.team.add')}</summary>
          <form onSubmit={add} noValidate class="narrow" aria-labelledby="team-add-title">
            <Field name="user_id" label={labels.user_id} hint={t('cases.team.user_id_hint')} inputMode="numeric" dir="ltr"
              value={user} error={errors.fields.user_id} onInput={setUser} autocomplete="off" />
            <div class={errors.fields.role ? 'field field-invalid' : 'field'}>
              <label for="field-role">{labels.role}</label>
              {errors.fields.role && <p class="field-error" id="field-role-error">{errors.fields.role}</p>}
              <select id="field-role" value={role} aria-invalid={errors.fields.role ? 'true' : undefined}
                aria-describedby={errors.fields.role ? 'field-role-error' : undefined}
                onChange={(event) => setRole((event.target as HTMLSelectElement).value as TeamMember['role'])}>
                <option value="member">{t('cases.role.member')}</option>
                <option value="lead">{t('cases.role.lead')}</option>
              </select>
            </div>
            <Submit busy={busy}>{t('cases.team.put_on')}</Submit>
          </form>
        </details>
      )}
    </section>
  );
}
