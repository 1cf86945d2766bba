// Answering a referral: accepting it (her case moves to intake, led by the one who accepts or by
// the worker she names) or declining it, with a reason the referrer reads. Both the inbox and the
// case screen of a referred woman answer through it. A referral someone else answered meanwhile
// (409) is said in her language, and the caller reads it again.
import { useState } from 'preact/hooks';
import { ApiError, api, ok } from '../../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { answerBody, type Referral } from './referrals';
import { isolate } from './timeline';

interface AnswerProps {
  referral: Referral;
  onAnswered: (answered: Referral) => void;
  onGone: () => void;  // answered meanwhile: read it again
}

export function AnswerReferral({ referral, onAnswered, onGone }: AnswerProps) {
  const { t } = useI18n();
  const [deciding, setDeciding] = useState<'accept' | 'decline' | null>(null);
  const [lead, setLead] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  // Each referral's fields are told apart on an inbox that lists several.
  const name = (field: string) => `${field}-${referral.id}`;
  const labels = { [name('lead_user_id')]: t('cases.answer.lead'), [name('reason')]: t('cases.answer.reason') };

  const open = (decision: 'accept' | 'decline') => {
    setDeciding(decision);
    setErrors(noErrors);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const asked = answerBody({ accept: deciding === 'accept', lead, reason });
    if ('field' in asked) {
      const message = asked.field === 'reason' ? t('cases.answer.reason_missing') : t('cases.answer.lead_wrong');
      return setErrors({ summary: [], fields: { [name(asked.field)]: message } });
    }
    setBusy(true);
    try {
      const answered = await ok(api.POST('/api/v1/referrals/{referral_id}/answer', {
        params: { path: { referral_id: String(referral.id) } }, body: asked.body }));
      setErrors(noErrors);
      setBusy(false);
      onAnswered(answered as Referral);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 409) {
        setErrors({ summary: [t('cases.answer.answered_meanwhile')], fields: {} });
        onGone();
        return;
      }
      const found = errorsOf(error, t, ['lead_user_id', 'reason']);
      setErrors({ summary: found.summary,
        fields: Object.fromEntries(Object.entries(found.fields).map(([field, message]) => [name(field), message])) });
    }
  };

  const formTitle = `answer-title-${referral.id}`;
  return (
    <div class="answer">
      <ErrorSummary id={`answer-errors-${referral.id}`} errors={errors} labels={labels} />
      {!deciding && (
        <div class="actions">
          <button type="button" class="button primary" onClick={() => open('accept')}>{t('cases.answer.accept')}</button>
          <button type="button" class="button" onClick={() => open('decline')}>{t('cases.answer.decline')}</button>
        </div>
      )}
      {deciding && (
        <form onSubmit={submit} noValidate class="narrow" aria-labelledby={formTitle}>
          <h3 id={formTitle}>{t(deciding === 'accept' ? 'cases.answer.accept_title' : 'cases.answer.decline_title',
            { name: isolate(referral.chosen_name) })}</h3>
          {deciding === 'accept' && (
            <Field name={name('lead_user_id')} label={t('cases.answer.lead')} hint={t('cases.answer.lead_hint')}
              inputMode="numeric" dir="ltr" value={lead} error={errors.fields[name('lead_user_id')]} onInput={setLead}
              autocomplete="off" />
          )}
          {deciding === 'decline' && (
            <div class={errors.fields[name('reason')] ? 'field field-invalid' : 'field'}>
              <label for={`field-${name('reason')}`}>{t('cases.answer.reason')}</label>
              <p class="hint" id={`field-${name('reason')}-hint`}>{t('cases.answer.reason_hint')}</p>
              {errors.fields[name('reason')] &&
                <p class="field-error" id={`field-${name('reason')}-error`}>{errors.fields[name('reason')]}</p>}
              <textarea id={`field-${name('reason')}`} rows={3} maxLength={2000} dir="auto" value={reason}
                aria-invalid={errors.fields[name('reason')] ? 'true' : undefined}
                aria-describedby={[`field-${name('reason')}-hint`,
                  errors.fields[name('reason')] ? `field-${name('reason')}-error` : ''].filter(Boolean).join(' ')}
                onInput={(event) => setReason((event.target as HTMLTextAreaElement).value)} />
            </div>
          )}
          <div class="actions">
            <Submit busy={busy}>{t(deciding === 'accept' ? 'cases.answer.accept_send' : 'cases.answer.decline_send')}</Submit>
            <button type="button" class="button" onClick={() => { setDeciding(null); setErrors(noErrors); }}>
              {t('cases.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
