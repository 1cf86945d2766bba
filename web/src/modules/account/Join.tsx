// A person who already has an account joins another organization with the code its staff gave
// her (on paper, or in the link of the QR code, which carries it after '#'). She does it herself,
// signed in: nobody attaches her account to an organization on her behalf.
import { useState } from 'preact/hooks';
import { api, ok, type Joined } from '../../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { AppLink } from '../../components/AppLink/AppLink';
import { Icon } from '../../components/Icon/Icon';
import { useI18n } from '../../i18n';
import { fullySignedIn, useAppState } from '../../state';
import { useTitle } from '../../core/title';

const kept = 'ponte-join-code';

export function Join() {
  const { t } = useI18n();
  const { session, setSession } = useAppState();
  const [code, setCode] = useState(() => {
    const fromLink = decodeURIComponent(location.hash.slice(1));
    if (fromLink) {
      // Kept for this tab only, so that she can sign in first and come back to it.
      sessionStorage.setItem(kept, fromLink);
      history.replaceState(null, '', '/join');  // the code leaves the address bar
    }
    return fromLink || sessionStorage.getItem(kept) || '';
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<Joined | null>(null);
  useTitle(t('account.join.title'));
  const labels = { code: t('account.join.code') };

  if (!fullySignedIn(session)) {
    return (
      <section class="narrow">
        <h1>{t('account.join.title')}</h1>
        <p>{t('account.join.sign_in_first')}</p>
        <AppLink href="/login" class="button primary">{t('account.login.submit')}</AppLink>
      </section>
    );
  }

  if (joined) {
    return (
      <section class="narrow">
        <h1>{t('account.join.title')}</h1>
        <p class="notice" role="status">
          {t('account.join.done', { organization: joined.organization_name, role: t(`role.${joined.role}`) })}
        </p>
        <AppLink href="/" class="button"><Icon name="home" /> {t('nav.home')}</AppLink>
      </section>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!code.trim()) return setErrors({ summary: [], fields: { code: t('account.join.code_missing') } });
    setBusy(true);
    try {
      const answer = await ok(api.POST('/api/v1/membership-invitations/accept', { body: { code: code.trim() } }));
      sessionStorage.removeItem(kept);
      setJoined(answer);
      setSession(await ok(api.GET('/api/v1/auth/session')));  // her new role shows at once
    } catch (error) {
      setErrors(errorsOf(error, t, ['code']));
    }
    setBusy(false);
  };

  return (
    <section class="narrow">
      <h1>{t('account.join.title')}</h1>
      <p>{t('account.join.text')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate>
        <Field name="code" label={labels.code} hint={t('account.invite.code_hint')} dir="ltr" autocomplete="off" value={code}
          error={errors.fields.code} onInput={setCode} />
        <Submit busy={busy}>{t('account.join.submit')}</Submit>
      </form>
    </section>
  );
}
