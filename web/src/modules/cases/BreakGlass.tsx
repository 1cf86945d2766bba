// Breaking the glass: a case worker of the organization who is not on a case's team is answered
// as for a missing case. When she must read it now (the woman is at her desk and her team is
// away), she writes why; she then reads it for a few hours, the case's timeline says so, and its
// lead worker is told. For a case of another organization, or none, the server answers "not
// found" again: nothing tells the two apart.
import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { ErrorSummary, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { Note } from './part';

export function BreakGlass({ caseId, onBroken }: { caseId: string; onBroken: (until: number) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const labels = { reason: t('cases.glass.reason') };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const broken = await ok(api.POST('/api/v1/cases/{case_id}/glass',
        { params: { path: { case_id: caseId } }, body: { reason } }));
      setErrors(noErrors);
      onBroken(broken.expires_at);
    } catch (error) {
      setErrors(errorsOf(error, t, ['reason']));
    }
    setBusy(false);
  };
  return (
    <details class="disclosure glass">
      <summary id="glass-title">{t('cases.glass.title')}</summary>
      <form onSubmit={submit} noValidate class="narrow" aria-labelledby="glass-title">
        <p>{t('cases.glass.text')}</p>
        <ErrorSummary id="glass-errors" errors={errors} labels={labels} />
        <Note name="reason" label={labels.reason} hint={t('cases.glass.reason_hint')} value={reason} maxLength={2000}
          errors={errors} onInput={setReason} />
        <Submit busy={busy}>{t('cases.glass.submit')}</Submit>
      </form>
    </details>
  );
}
