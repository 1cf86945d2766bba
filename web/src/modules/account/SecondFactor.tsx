// The second step of signing in: a code from the authenticator app (or a recovery code); or, for
// staff who have none yet, setting the app up with a QR code and saving the recovery codes. The
// pieces of setting up serve the account screen too.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type TotpEnrolment } from '../../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { useTitle } from '../../core/title';

// The key of a new enrolment: as a QR code to scan, and as text to type.
export function EnrolmentKey({ enrolment }: { enrolment: TotpEnrolment }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('account.second_factor.scan')}</p>
      <img class="qr" alt={t('account.second_factor.qr_alt')}
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`} width="220" height="220" />
      <p>{t('account.second_factor.or_type')} <code class="secret" dir="ltr">{enrolment.secret}</code></p>
    </>
  );
}

// The recovery codes, shown once, with what they are for.
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('account.second_factor.recovery_text', { count: codes.length })}</p>
      <ol class="codes" dir="ltr">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ol>
    </>
  );
}

export function SecondFactor() {
  const { t } = useI18n();
  const { session, setSession } = useAppState();
  const { route } = useLocation();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const enrolling = session?.second_factor === 'enrolment_required';
  useTitle(t(enrolling ? 'account.second_factor.enrol_title' : 'account.second_factor.title'));
  const labels = { code: t('account.second_factor.code') };

  const run = async (action: () => Promise<void>) => {
    if (!code.trim()) return setErrors({ summary: [], fields: { code: t('account.second_factor.code_missing') } });
    setBusy(true);
    try {
      await action();
      setErrors(noErrors);
    } catch (error) {
      setErrors(errorsOf(error, t, ['code']));
    }
    setBusy(false);
  };

  if (recoveryCodes) {
    return (
      <section class="narrow">
        <h1>{t('account.second_factor.recovery_title')}</h1>
        <RecoveryCodeList codes={recoveryCodes} />
        <button type="button" class="button primary" onClick={async () => {
          setSession(await ok(api.GET('/api/v1/auth/session')));
          route('/', true);
        }}>{t('account.second_factor.recovery_done')}</button>
      </section>
    );
  }

  if (enrolling && !enrolment) {
    return (
      <section class="narrow">
        <h1>{t('account.second_factor.enrol_title')}</h1>
        <p>{t('account.second_factor.enrol_text')}</p>
        <ErrorSummary errors={errors} labels={labels} />
        <button type="button" class="button primary" disabled={busy} onClick={async () => {
          setBusy(true);
          try {
            setEnrolment(await ok(api.POST('/api/v1/auth/totp/enrolment')));
          } catch (error) {
            setErrors(errorsOf(error, t, []));
          }
          setBusy(false);
        }}>{t('account.second_factor.enrol_start')}</button>
      </section>
    );
  }

  return (
    <section class="narrow">
      <h1>{t(enrolling ? 'account.second_factor.enrol_title' : 'account.second_factor.title')}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      {enrolment && (
        <EnrolmentKey enrolment={enrolment} />
      )}
      <form noValidate onSubmit={(event) => {
        event.preventDefault();
        if (enrolment) {
          run(async () => setRecoveryCodes((await ok(api.POST('/api/v1/auth/totp/enrolment/confirm',
            { body: { code: code.trim() } }))).recovery_codes));
        } else {
          run(async () => {
            setSession(await ok(api.POST('/api/v1/auth/second-factor', { body: { code: code.trim() } })));
            route('/', true);
          });
        }
      }}>
        <Field name="code" label={labels.code} hint={enrolment ? undefined : t('account.second_factor.code_hint')}
          autocomplete="one-time-code" inputMode={enrolment ? 'numeric' : 'text'} dir="ltr" value={code}
          error={errors.fields.code} onInput={setCode} />
        <Submit busy={busy}>{t('account.second_factor.submit')}</Submit>
      </form>
    </section>
  );
}
