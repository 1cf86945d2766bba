// Forgotten password: ask for a link by email; the link brings the token (after '#') back here to
// choose a new password.
import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { useTitle } from '../../core/title';

export function ResetPassword() {
  const { t } = useI18n();
  const [token] = useState(() => location.hash.slice(1));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useTitle(t('account.reset.title'));
  const labels = { email: t('account.login.email'), password: t('account.reset.new_password'), token: t('account.reset.link') };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (token ? !password : !email.trim()) {
      return setErrors({ summary: [], fields: token ? { password: t('account.invite.password_missing') }
        : { email: t('account.login.email_missing') } });
    }
    setBusy(true);
    try {
      if (token) {
        await ok(api.POST('/api/v1/auth/password-reset/complete', { body: { token, password } }));
        history.replaceState(null, '', '/reset-password');
      } else {
        await ok(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } }));
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
        <h1>{t('account.reset.title')}</h1>
        <p role="status">{t(token ? 'account.reset.changed' : 'account.reset.sent')}</p>
        <AppLink href="/login" class="button">{t('account.login.title')}</AppLink>
      </section>
    );
  }
  return (
    <section class="narrow">
      <h1>{t('account.reset.title')}</h1>
      <p>{t(token ? 'account.reset.choose' : 'account.reset.ask')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate>
        {token ? (
          <Field name="password" label={labels.password} hint={t('password.hint')} type="password"
            autocomplete="new-password" value={password} error={errors.fields.password} onInput={setPassword} />
        ) : (
          <Field name="email" label={labels.email} type="email" autocomplete="username" inputMode="email" dir="ltr"
            value={email} error={errors.fields.email} onInput={setEmail} />
        )}
        <Submit busy={busy}>{t(token ? 'account.reset.save' : 'account.reset.send')}</Submit>
      </form>
    </section>
  );
}
