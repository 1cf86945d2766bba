import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, setCsrfToken } from '../api/client';
import { AppLink } from '../components/Shell';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../components/Form';
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n';
import { useAppState } from '../state';
import { useTitle } from './common';

export function Login() {
  const { t } = useI18n();
  const { meta, setSession } = useAppState();
  const { route } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useTitle(t('login.title'));
  const labels = { email: t('login.email'), password: t('login.password') };

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = t('login.email_missing');
    if (!password) missing.password = t('login.password_missing');
    if (Object.keys(missing).length) return setErrors({ summary: [], fields: missing });
    setBusy(true);
    try {
      const session = await api.login({ email, password });
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
      <h1><Icon name="key" /> {t('login.title')}</h1>
      {meta?.demo && <p class="callout">{t('login.demo_accounts', { password: 'ponte demo password' })}</p>}
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate>
        <Field name="email" label={labels.email} type="email" autocomplete="username" inputMode="email" dir="ltr"
          value={email} error={errors.fields.email} onInput={setEmail} />
        <Field name="password" label={labels.password} type="password" autocomplete="current-password"
          value={password} error={errors.fields.password} onInput={setPassword} />
        <Submit busy={busy}>{t('login.submit')}</Submit>
      </form>
      <ul class="links">
        <li><AppLink href="/reset-password">{t('login.forgot')}</AppLink></li>
        <li><AppLink href="/invite">{t('login.have_invitation')}</AppLink></li>
      </ul>
    </section>
  );
}
