// The people of the staff member's organization: add a person (the invitation code to hand over,
// with its QR code and a print button), a join code for someone who already has an account (she
// accepts it herself), and for coordinators and admins the list of who holds which role, with a
// new code for someone who lost hers (with the reason she will be shown), disabling and removing
// roles.
import { useEffect, useState } from 'preact/hooks';
import { api, ok, type Members, type OrganizationRole as Role } from '../../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { Icon } from '../../components/Icon/Icon';
import { locales, nativeName, useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { useTitle } from '../../core/title';

const accompanied: Role[] = ['participant', 'community_member', 'mentor'];
const organizationRoles: Role[] = [...accompanied, 'case_worker', 'trainer', 'coordinator', 'org_admin'];

// A one-time code to hand over, as text, QR code and print-out.
interface Issued {
  title: string;
  text: string;
  qr: string;  // the QR code's description
  code: { code: string; qr_svg: string };
}

function CodePanel({ title, text, qr, code }: Issued) {
  const { t } = useI18n();
  return (
    <section class="invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title">{title}</h2>
      <p>{text}</p>
      <p class="code" dir="ltr">{code.code}</p>
      <img class="qr" alt={qr} width="220" height="220"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qr_svg)}`} />
      <button type="button" class="button" onClick={() => window.print()}>{t('people.print')}</button>
    </section>
  );
}

export function People() {
  const { t, formatDate } = useI18n();
  const { session } = useAppState();
  useTitle(t('people.nav'));
  const memberships = session?.user.memberships ?? [];
  const organization = memberships.find((m) => m.organization_id)?.organization_id ?? 0;
  const rolesHere: string[] = memberships.filter((m) => m.organization_id === organization).map((m) => m.role);
  const admin = rolesHere.includes('org_admin');
  const seesList = admin || rolesHere.includes('coordinator');
  const grantable = admin ? organizationRoles : accompanied;
  const inOrganization = { path: { organization_id: String(organization) } };

  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('participant');
  const [language, setLanguage] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [members, setMembers] = useState<Members['items']>([]);
  const [joinRole, setJoinRole] = useState<Role>('participant');
  const [renewing, setRenewing] = useState<Members['items'][number] | null>(null);
  const [reason, setReason] = useState('');
  const labels = {
    display_name: t('people.name'), email: t('people.email'), role: t('people.role'), reason: t('people.reason'),
  };
  const invitationFor = (name: string, code: Issued['code'] & { expires_at: number }): Issued => ({
    title: t('people.invitation_for', { name }),
    text: t('people.invitation_text', { date: formatDate(code.expires_at) }),
    qr: t('people.invitation_qr'),
    code,
  });

  // The list comes a page at a time: the first on every reload, the next ones on asking for more.
  const [more, setMore] = useState<string | null>(null);
  const membersPage = (cursor?: string) => ok(api.GET('/api/v1/organizations/{organization_id}/memberships',
    { params: { ...inOrganization, query: cursor ? { cursor } : {} } }));
  const reload = () => {
    if (seesList) membersPage().then((list) => {
      setMembers(list.items);
      setMore(list.next_cursor);
    }).catch(() => {
      setMembers([]);
      setMore(null);
    });
  };
  useEffect(reload, [organization]);
  const showMore = () => {
    if (more) membersPage(more).then((list) => {
      setMembers((shown) => [...shown, ...list.items]);
      setMore(list.next_cursor);
    }).catch(reload);
  };

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
      const created = await ok(api.POST('/api/v1/organizations/{organization_id}/users', { params: inOrganization, body: {
        display_name: name.trim(), role, ...(email.trim() ? { email: email.trim() } : {}),
        ...(language ? { locale: language } : {}),
      } }));
      setIssued(invitationFor(name.trim(), created.invitation));
      setName('');
      setEmail('');
      setErrors(noErrors);
      reload();
    } catch (error) {
      setErrors(errorsOf(error, t, ['display_name', 'email']));
    }
    setBusy(false);
  };

  const makeJoinCode = (event: Event) => {
    event.preventDefault();
    act(async () => {
      const made = await ok(api.POST('/api/v1/organizations/{organization_id}/membership-invitations',
        { params: inOrganization, body: { role: joinRole } }));
      setIssued({
        title: t('people.join_code_for', { role: t(`role.${joinRole}`) }),
        text: t('people.join_code_text', { date: formatDate(made.expires_at) }),
        qr: t('people.join_code_qr'),
        code: made,
      });
    });
  };

  const renew = async (event: Event) => {
    event.preventDefault();
    if (!renewing) return;
    if (!reason.trim()) return setErrors({ summary: [], fields: { reason: t('people.reason_missing') } });
    setBusy(true);
    try {
      const { invitation } = await ok(api.POST('/api/v1/users/{user_id}/invitation',
        { params: { path: { user_id: String(renewing.user_id) } }, body: { reason: reason.trim() } }));
      setIssued(invitationFor(renewing.display_name, invitation));
      setRenewing(null);
      setReason('');
      setErrors(noErrors);
    } catch (error) {
      setErrors(errorsOf(error, t, ['reason']));
    }
    setBusy(false);
  };

  return (
    <section>
      <h1><Icon name="people" /> {t('people.nav')}</h1>
      {issued && <CodePanel {...issued} />}
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
      <h2>{t('people.join')}</h2>
      <p>{t('people.join_text')}</p>
      <form onSubmit={makeJoinCode} noValidate class="narrow">
        <div class="field">
          <label for="field-join-role">{labels.role}</label>
          <select id="field-join-role" value={joinRole}
            onChange={(e) => setJoinRole((e.target as HTMLSelectElement).value as Role)}>
            {grantable.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </div>
        <Submit busy={busy}>{t('people.join_create')}</Submit>
      </form>
      {renewing && (
        <section aria-labelledby="renew-title">
          <h2 id="renew-title">{t('people.new_code_for', { name: renewing.display_name })}</h2>
          <form onSubmit={renew} noValidate class="narrow">
            <Field name="reason" label={labels.reason} hint={t('people.reason_hint')} value={reason}
              error={errors.fields.reason} onInput={setReason} autocomplete="off" />
            <Submit busy={busy}>{t('people.new_code')}</Submit>
            <button type="button" class="button" onClick={() => { setRenewing(null); setErrors(noErrors); }}>
              {t('people.cancel')}
            </button>
          </form>
        </section>
      )}
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
                  <td class="members__actions">
                    {m.user_id === session?.user.id ? (
                      <span class="members__self">{t('people.self')}</span>
                    ) : (
                      <div class="members__buttons">
                        <button type="button" class="button small" onClick={() => {
                          setRenewing(m);
                          setReason('');
                          setErrors(noErrors);
                        }}>{t('people.new_code')}</button>
                        {admin && (
                          <button type="button" class="button small" onClick={() => act(async () => {
                            // The version she read: if someone changed the account since, the answer is 412
                            // and the list shows it as it is now.
                            await ok(api.POST(m.disabled ? '/api/v1/users/{user_id}/enable' : '/api/v1/users/{user_id}/disable',
                              { params: { path: { user_id: String(m.user_id) }, header: { 'If-Match': m.user_etag } } }));
                          })}>{t(m.disabled ? 'people.enable' : 'people.disable')}</button>
                        )}
                        {admin && (
                          <button type="button" class="button small" onClick={() => act(async () => {
                            await ok(api.DELETE('/api/v1/organizations/{organization_id}/memberships/{membership_id}',
                              { params: { path: { organization_id: String(organization), membership_id: String(m.id) } } }));
                          })}>{t('people.remove')}</button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {more && <button type="button" class="button" onClick={showMore}>{t('people.more')}</button>}
        </>
      )}
    </section>
  );
}
