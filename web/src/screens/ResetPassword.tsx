// Forgotten password: ask for a link by email; the link brings the token (after '#') back here to
// choose a new password.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { AppLink } from '../components/Shell';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../components/Form';
import { useI18n } from '../i18n';
import { useTitle } from './common';

export function ResetPassword() {
  const { t } = useI18n();
  const [token] = useState(() => location.hash.slice(1));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useTitle(t('reset.title'));
  const labels = { email: t('login.email'), password: t('reset.new_password'), token: t('reset.link') };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (token ? !password : !email.trim()) {
      return setErrors({ summary: [], fields: token ? { password: t('invite.password_missing') }
        : { email: t('login.email_missing') } });
    }
    setBusy(true);
    try {
      if (token) {
        await api.completePasswordReset({ token, password });
        history.replaceState(null, '', '/reset-password');
      } else {
        await api.requestPasswordReset({ email: email.trim() });
      }
      setDone(true);
      setErrors(noErrors);
    } catch (error) {
      setErrors(errorsOf(error, t, token ? ['password'] : ['email']));
    }
    setBusy(false);
  };

  if (done) {
    return (
      <section class="narrow">
        <h1>{t('reset.title')}</h1>
        <p role="status">{t(token ? 'reset.changed' : 'reset.sent')}</p>
        <AppLink href="/login" class="button">{t('login.title')}</AppLink>
      </section>
    );
  }
  return (
    <section class="narrow">
      <h1>{t('reset.title')}</h1>
      <p>{t(token ? 'reset.choose' : 'reset.ask')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate>
        {token ? (
          <Field name="password" label={labels.password} hint={t('password.hint')} type="password"
            autocomplete="new-password" value={password} error={errors.fields.password} onInput={setPassword} />
        ) : (
          <Field name="email" label={labels.email} type="email" autocomplete="username" inputMode="email" dir="ltr"
            value={email} error={errors.fields.email} onInput={setEmail} />
        )}
        <Submit busy={busy}>{t(token ? 'reset.save' : 'reset.send')}</Submit>
      </form>
    </section>
  );
}
