// A person invited by her organization sets her own passphrase with the code she was given (on
// paper, or in the link of the QR code, which carries it after '#').
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, setCsrfToken } from '../../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { useTitle } from '../../core/title';

export function Invite() {
  const { t } = useI18n();
  const { setSession } = useAppState();
  const { route } = useLocation();
  const [code, setCode] = useState(() => decodeURIComponent(location.hash.slice(1)));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useTitle(t('account.invite.title'));
  const labels = { code: t('account.invite.code'), password: t('account.invite.password'), repeat: t('account.invite.repeat') };

  const submit = async (event: Event) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!code.trim()) fields.code = t('account.invite.code_missing');
    if (!password) fields.password = t('account.invite.password_missing');
    else if (password !== repeat) fields.repeat = t('account.invite.repeat_differs');
    if (Object.keys(fields).length) return setErrors({ summary: [], fields });
    setBusy(true);
    try {
      const session = await ok(api.POST('/api/v1/invitations/accept', { body: { code: code.trim(), password } }));
      setCsrfToken(session.csrf_token);
      history.replaceState(null, '', '/invite');  // the code leaves the address bar
      setSession(session);
      route(session.second_factor === 'enrolment_required' ? '/sign-in/second-factor' : '/', true);
    } catch (error) {
      setErrors(errorsOf(error, t, ['code', 'password']));
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <h1>{t('account.invite.title')}</h1>
      <p>{t('account.invite.text')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate>
        <Field name="code" label={labels.code} hint={t('account.invite.code_hint')} dir="ltr" autocomplete="off" value={code}
          error={errors.fields.code} onInput={setCode} />
        <Field name="password" label={labels.password} hint={t('password.hint')} type="password"
          autocomplete="new-password" value={password} error={errors.fields.password} onInput={setPassword} />
        <Field name="repeat" label={labels.repeat} type="password" autocomplete="new-password" value={repeat}
          error={errors.fields.repeat} onInput={setRepeat} />
        <Submit busy={busy}>{t('account.invite.submit')}</Submit>
      </form>
    </section>
  );
}
