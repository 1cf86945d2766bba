// The pieces of a form in the states a person meets: a field alone, with a hint, with an error
// (and the summary that links to it), a problem not tied to a field, a busy submit button.
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n';
import type { Example } from '../../core/examples';
import { ErrorSummary, Field, Submit, type FormErrors } from './Form';

function SignInForm({ errors, busy = false }: { errors: FormErrors; busy?: boolean }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const labels = { email: t('form.example_email'), password: t('form.example_password') };
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <form noValidate onSubmit={(event) => event.preventDefault()}>
        <Field name="email" label={labels.email} type="email" dir="ltr" autocomplete="username" value={email}
          error={errors.fields.email} onInput={setEmail} />
        <Field name="password" label={labels.password} hint={t('password.hint')} type="password"
          autocomplete="current-password" value={password} error={errors.fields.password} onInput={setPassword} />
        <Submit busy={busy}>{t('form.example_submit')}</Submit>
      </form>
    </>
  );
}

function FieldErrors() {
  const { t } = useI18n();
  return <SignInForm errors={{ summary: [], fields: { email: t('field.required'), password: t('field.too_short') } }} />;
}

function ProblemOnly() {
  const { t } = useI18n();
  return <SignInForm errors={{ summary: [t('error.offline')], fields: {} }} />;
}

export const examples: Example[] = [
  { name: 'empty', draw: () => <SignInForm errors={{ summary: [], fields: {} }} /> },
  { name: 'field-errors', draw: () => <FieldErrors /> },
  { name: 'problem', draw: () => <ProblemOnly /> },
  { name: 'busy', draw: () => <SignInForm errors={{ summary: [], fields: {} }} busy /> },
];
