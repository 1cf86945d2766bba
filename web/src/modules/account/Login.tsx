import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, setCsrfToken } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { Icon } from '../../components/Icon/Icon';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { useTitle } from '../../core/title';

export function Login() {
  const { t } = useI18n();
  const { meta, setSession } = useAppState();
  const { route } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useTitle(t('account.login.title'));
  const labels = { email: t('account.login.email'), password: t('account.login.password') };

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = t('account.login.email_missing');
    if (!password) missing.password = t('account.login.password_missing');
    if (Object.keys(missing).length) return setErrors({ summary: [], fields: missing });
    setBusy(true);
    try {
      const session = await ok(api.POST('/api/v1/auth/login', { body: { email, password } }));
      setCsrfToken(session.csrf_token);
      setSession(session);
      route(session.second_factor === 'required' || session.second_factor === 'enrolment_required'
        ? '/sign-in/second-factor' : '/', true);
    } catch (error) {
      setErrors(errorsOf(error, t, ['email', 'password']));
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <h1><Icon name="key" /> {t('account.login.title')}</h1>
      {meta?.demo && <p class="callout">{t('account.login.demo_accounts', { password: 'ponte demo password' })}</p>}
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate>
        <Field name="email" label={labels.email} type="email" autocomplete="username" inputMode="email" dir="ltr"
          value={email} error={errors.fields.email} onInput={setEmail} />
        <Field name="password" label={labels.password} type="password" autocomplete="current-password"
          value={password} error={errors.fields.password} onInput={setPassword} />
        <Submit busy={busy}>{t('account.login.submit')}</Submit>
      </form>
      <ul class="links">
        <li><AppLink href="/reset-password">{t('account.login.forgot')}</AppLink></li>
        <li><AppLink href="/invite">{t('account.login.have_invitation')}</AppLink></li>
      </ul>
    </section>
  );
}
