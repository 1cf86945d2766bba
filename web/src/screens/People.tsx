// The people of the staff member's organization: add a person (the invitation code to hand over,
// with its QR code and a print button), and for coordinators and admins the list of who holds
// which role, with a new code for someone who lost hers, disabling and removing roles.
import { useEffect, useState } from 'preact/hooks';
import { api, type Invitation, type Members, type OrganizationRole as Role } from '../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../components/Form';
import { Icon } from '../components/Icon';
import { locales, nativeName, useI18n } from '../i18n';
import { useAppState } from '../state';
import { useTitle } from './common';

const accompanied: Role[] = ['participant', 'community_member', 'mentor'];
const organizationRoles: Role[] = [...accompanied, 'case_worker', 'trainer', 'coordinator', 'org_admin'];

function InvitationPanel({ invitation, name }: { invitation: Invitation; name: string }) {
  const { t, formatDate } = useI18n();
  return (
    <section class="invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title">{t('people.invitation_for', { name })}</h2>
      <p>{t('people.invitation_text', { date: formatDate(invitation.expires_at) })}</p>
      <p class="code" dir="ltr">{invitation.code}</p>
      <img class="qr" alt={t('people.invitation_qr')} width="220" height="220"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(invitation.qr_svg)}`} />
      <button type="button" class="button" onClick={() => window.print()}>{t('people.print')}</button>
    </section>
  );
}

export function People() {
  const { t } = useI18n();
  const { session } = useAppState();
  useTitle(t('nav.people'));
  const memberships = session?.user.memberships ?? [];
  const organization = memberships.find((m) => m.organization_id)?.organization_id ?? 0;
  const rolesHere: string[] = memberships.filter((m) => m.organization_id === organization).map((m) => m.role);
  const admin = rolesHere.includes('org_admin');
  const seesList = admin || rolesHere.includes('coordinator');
  const grantable = admin ? organizationRoles : accompanied;

  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('participant');
  const [language, setLanguage] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ invitation: Invitation; name: string } | null>(null);
  const [members, setMembers] = useState<Members['items']>([]);
  const labels = { display_name: t('people.name'), email: t('people.email'), role: t('people.role') };

  const reload = () => {
    if (seesList) api.members(organization).then((list) => setMembers(list.items)).catch(() => setMembers([]));
  };
  useEffect(reload, [organization]);

  const act = async (action: () => Promise<void>) => {
    try {
      await action();
      setErrors(noErrors);
    } catch (error) {
      setErrors(errorsOf(error, t, []));
    }
    reload();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setErrors({ summary: [], fields: { display_name: t('people.name_missing') } });
    setBusy(true);
    try {
      const created = await api.createUser(organization, {
        display_name: name.trim(), role, ...(email.trim() ? { email: email.trim() } : {}),
        ...(language ? { locale: language } : {}),
      });
      setIssued({ invitation: created.invitation, name: name.trim() });
      setName('');
      setEmail('');
      setErrors(noErrors);
      reload();
    } catch (error) {
      setErrors(errorsOf(error, t, ['display_name', 'email']));
    }
    setBusy(false);
  };

  return (
    <section>
      <h1><Icon name="people" /> {t('nav.people')}</h1>
      {issued && <InvitationPanel {...issued} />}
      <h2>{t('people.add')}</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate class="narrow">
        <Field name="display_name" label={labels.display_name} value={name} error={errors.fields.display_name}
          onInput={setName} autocomplete="off" />
        <Field name="email" label={labels.email} hint={t('people.email_hint')} type="email" dir="ltr" value={email}
          error={errors.fields.email} onInput={setEmail} autocomplete="off" />
        <div class="field">
          <label for="field-role">{labels.role}</label>
          <select id="field-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
            {grantable.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="field-language">{t('people.language')}</label>
          <select id="field-language" value={language} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value)}>
            <option value="">{t('people.language_later')}</option>
            {locales.map((code) => <option key={code} value={code} lang={code}>{nativeName(code)}</option>)}
          </select>
        </div>
        <Submit busy={busy}>{t('people.create')}</Submit>
      </form>
      {seesList && (
        <>
          <h2>{t('people.members')}</h2>
          <table class="members">
            <thead>
              <tr><th scope="col">{t('people.name')}</th><th scope="col">{t('people.role')}</th><th scope="col">{t('people.actions')}</th></tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>{m.display_name}{m.disabled && <span class="tag"> {t('people.disabled')}</span>}</td>
                  <td>{t(`role.${m.role}`)}</td>
                  <td class="actions">
                    {m.user_id !== session?.user.id && (
                      <>
                        <button type="button" class="button small" onClick={() => act(async () => {
                          setIssued({ invitation: (await api.reinviteUser(m.user_id)).invitation, name: m.display_name });
                        })}>{t('people.new_code')}</button>
                        {admin && (
                          <button type="button" class="button small" onClick={() => act(async () => {
                            await api.setDisabled(m.user_id, !m.disabled);
                          })}>{t(m.disabled ? 'people.enable' : 'people.disable')}</button>
                        )}
                        {admin && (
                          <button type="button" class="button small" onClick={() => act(async () => {
                            await api.removeMembership(organization, m.id);
                          })}>{t('people.remove')}</button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
