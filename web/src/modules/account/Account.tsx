// Her own account, for everyone signed in: change the password (the current one required; every
// other device is signed out), see where she is signed in and end one session or all others, and
// (when she has none yet) set up two-step sign-in with an authenticator app.
import { useEffect, useState } from 'preact/hooks';
import { api, ok, type OwnSession, type TotpEnrolment } from '../../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { Icon } from '../../components/Icon/Icon';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { useTitle } from '../../core/title';
import { EnrolmentKey, RecoveryCodeList } from './SecondFactor';

function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const { setSession } = useAppState();
  const [current, setCurrent] = useState('');
  const [chosen, setChosen] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const labels = { current_password: t('account.own.current_password'), new_password: t('account.own.new_password') };

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!current) missing.current_password = t('account.own.current_password_missing');
    if (!chosen) missing.new_password = t('account.own.new_password_missing');
    setDone(false);
    if (Object.keys(missing).length) return setErrors({ summary: [], fields: missing });
    setBusy(true);
    try {
      // This session goes on under a new id and CSRF token; every other one has ended.
      setSession(await ok(api.POST('/api/v1/auth/password',
        { body: { current_password: current, new_password: chosen } })));
      setCurrent('');
      setChosen('');
      setErrors(noErrors);
      setDone(true);
      onChanged();
    } catch (error) {
      setErrors(errorsOf(error, t, ['current_password', 'new_password']));
    }
    setBusy(false);
  };

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title"><Icon name="key" /> {t('account.own.password_title')}</h2>
      <ErrorSummary errors={errors} labels={labels} />
      {done && <p class="confirmation" role="status">{t('account.own.password_changed')}</p>}
      <form noValidate onSubmit={submit} class="narrow">
        <Field name="current_password" type="password" label={labels.current_password} value={current}
          autocomplete="current-password" error={errors.fields.current_password} onInput={setCurrent} />
        <Field name="new_password" type="password" label={labels.new_password} hint={t('account.own.new_password_hint')}
          value={chosen} autocomplete="new-password" error={errors.fields.new_password} onInput={setChosen} />
        <Submit busy={busy}>{t('account.own.password_submit')}</Submit>
      </form>
    </section>
  );
}

// "Phone · Android · Chrome": the kind of device in her language, then the names of the system and
// the browser, each isolated so that a right-to-left page keeps them in their order.
function Device({ session }: { session: OwnSession }) {
  const { t } = useI18n();
  const names = [session.system, session.browser].filter(Boolean);
  return (
    <>
      {t(`account.own.device_${session.device}`)}
      {names.map((name) => <span key={name}> · <bdi>{name}</bdi></span>)}
    </>
  );
}

function Sessions({ sessions, reload }: { sessions: OwnSession[]; reload: () => void }) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [message, setMessage] = useState('');
  const act = async (action: () => Promise<string>) => {
    try {
      setMessage(await action());
      setErrors(noErrors);
    } catch (error) {
      setMessage('');
      setErrors(errorsOf(error, t, []));
    }
    reload();
  };
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title"><Icon name="devices" /> {t('account.own.sessions_title')}</h2>
      <p>{t('account.own.sessions_lead')}</p>
      <ErrorSummary id="sessions-errors" errors={errors} labels={{}} />
      <p class="confirmation" role="status">{message}</p>
      <ul class="sessions">
        {sessions.map((session) => (
          <li key={session.id} class={session.current ? 'session session--current' : 'session'}>
            <p class="session__device" id={`session-${session.id}`}>
              <Device session={session} />
              {session.current && <strong class="session__current"> ({t('account.own.this_device')})</strong>}
            </p>
            <p class="session__times">
              {t('account.own.session_times', { created: new Date(session.created_at), seen: new Date(session.last_seen_at) })}
            </p>
            {!session.current && (
              <button type="button" class="button small" aria-describedby={`session-${session.id}`}
                onClick={() => act(async () => {
                  await ok(api.DELETE('/api/v1/auth/sessions/{session_id}',
                    { params: { path: { session_id: session.id } } }));
                  return t('account.own.session_ended');
                })}>{t('account.own.end_session')}</button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <button type="button" class="button" onClick={() => act(async () => {
          const { ended } = await ok(api.POST('/api/v1/auth/sessions/end-others'));
          return t('account.own.others_ended', { count: ended });
        })}>{t('account.own.end_others')}</button>
      ) : (
        <p>{t('account.own.no_other_sessions')}</p>
      )}
    </section>
  );
}

// Two-step sign-in for those who have none yet (participants, and staff in demo mode): the same
// steps as the sign-in screen's, inside this page.
function SecondFactorSetup() {
  const { t } = useI18n();
  const { session, setSession } = useAppState();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  // The password field has its own name here: the password form above has a current_password too.
  const labels = { code: t('account.second_factor.code'), factor_password: t('account.own.current_password') };
  const run = async (action: () => Promise<void>, fields: string[]) => {
    setBusy(true);
    try {
      await action();
      setErrors(noErrors);
    } catch (error) {
      const found = errorsOf(error, t, [...fields, 'current_password']);
      const { current_password: wrong, ...others } = found.fields;
      setErrors({ summary: found.summary, fields: wrong ? { ...others, factor_password: wrong } : others });
    }
    setBusy(false);
  };

  let body;
  if (codes) {
    body = (
      <>
        <p class="confirmation" role="status">{t('account.own.second_factor_done')}</p>
        <RecoveryCodeList codes={codes} />
        <button type="button" class="button primary" onClick={() => setCodes(null)}>
          {t('account.second_factor.recovery_done')}
        </button>
      </>
    );
  } else if (session?.second_factor === 'verified') {
    body = <p>{t('account.own.second_factor_on')}</p>;
  } else if (!enrolment) {
    body = (
      <>
        <p>{t('account.own.second_factor_text')}</p>
        <button type="button" class="button primary" disabled={busy}
          onClick={() => run(async () => setEnrolment(await ok(api.POST('/api/v1/auth/totp/enrolment'))), [])}>
          {t('account.own.second_factor_start')}
        </button>
      </>
    );
  } else {
    body = (
      <>
        <EnrolmentKey enrolment={enrolment} />
        <form noValidate class="narrow" onSubmit={(event) => {
          event.preventDefault();
          const missing: Record<string, string> = {};
          if (!code.trim()) missing.code = t('account.second_factor.code_missing');
          if (!password) missing.factor_password = t('account.own.current_password_missing');
          if (Object.keys(missing).length) return setErrors({ summary: [], fields: missing });
          run(async () => {
            const { recovery_codes: saved } =
              await ok(api.POST('/api/v1/auth/totp/enrolment/confirm', { body: { code: code.trim(), current_password: password } }));
            setPassword('');
            setCodes(saved);
            setEnrolment(null);
            setCode('');
            // Setting it up gave this session a new id and CSRF token: take them at once.
            setSession(await ok(api.GET('/api/v1/auth/session')));
          }, ['code']);
        }}>
          <Field name="code" label={labels.code} autocomplete="one-time-code" inputMode="numeric" dir="ltr"
            value={code} error={errors.fields.code} onInput={setCode} />
          <Field name="factor_password" label={labels.factor_password} hint={t('account.own.second_factor_password_hint')}
            type="password" autocomplete="current-password" value={password} error={errors.fields.factor_password}
            onInput={setPassword} />
          <Submit busy={busy}>{t('account.second_factor.submit')}</Submit>
        </form>
      </>
    );
  }
  return (
    <section aria-labelledby="second-factor-title">
      <h2 id="second-factor-title"><Icon name="phone" /> {t('account.own.second_factor_title')}</h2>
      <ErrorSummary id="second-factor-errors" errors={errors} labels={labels} />
      {body}
    </section>
  );
}

export function Account() {
  const { t } = useI18n();
  useTitle(t('account.own.title'));
  const [sessions, setSessions] = useState<OwnSession[]>([]);
  const reload = () => {
    ok(api.GET('/api/v1/auth/sessions')).then((list) => setSessions(list.sessions)).catch(() => setSessions([]));
  };
  useEffect(reload, []);
  return (
    <section class="account">
      <h1><Icon name="user" /> {t('account.own.title')}</h1>
      <PasswordForm onChanged={reload} />
      <Sessions sessions={sessions} reload={reload} />
      <SecondFactorSetup />
    </section>
  );
}
