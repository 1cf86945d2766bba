// The moves a case's state allows, as buttons. A move that needs nothing more is sent at once; one
// that asks why (suspending, closing, reopening, declining) or how it ended (closing) opens a
// short form first. Every move names the version of the case she read (If-Match with its ETag):
// when someone else changed it since, the server answers 412 and the screen says so. Taking on or
// declining a referred woman answers her referral instead, which someone else may have answered
// meanwhile (409): the screen says so the same way.
import { useState } from 'preact/hooks';
import { ApiError, api, ok } from '../../api/client';
import { ErrorSummary, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { allowedMoves, answerOf, asksMore, moveBody, type MoveOption } from './moves';
import type { CaseFile, CaseSummary } from './records';

interface MovesProps {
  file: CaseFile;
  onMoved: (moved: Pick<CaseSummary, 'state'>) => void;
  onStale: () => void;
}

export function Moves({ file, onMoved, onStale }: MovesProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<MoveOption | null>(null);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const labels = { reason: t('cases.move.reason'), outcome: t('cases.move.outcome') };

  const send = async (move: MoveOption) => {
    setBusy(true);
    try {
      const moved = move.answers
        ? await answer(move)
        : await ok(api.POST('/api/v1/cases/{case_id}/moves', {
          params: { path: { case_id: String(file.id) }, header: { 'If-Match': file.etag } },
          body: moveBody(move, { outcome, reason }),
        })) as CaseSummary;
      setOpen(null);
      setReason('');
      setOutcome('');
      setErrors(noErrors);
      onMoved(moved);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || (move.answers && error.status === 409))) {
        setOpen(null);
        setErrors(noErrors);
        onStale();
      } else {
        setErrors(errorsOf(error, t, ['reason', 'outcome']));
      }
    }
    setBusy(false);
  };

  // A referred case always has its referral; the state it now has is the one the move led to.
  const answer = async (move: MoveOption) => {
    await ok(api.POST('/api/v1/referrals/{referral_id}/answer', {
      params: { path: { referral_id: String(file.referral?.id ?? 0) } }, body: answerOf(move, { reason }) }));
    return { state: move.to };
  };

  const choose = (move: MoveOption) => {
    setErrors(noErrors);
    if (!asksMore(move)) return send(move);
    setOpen(move);
    setOutcome('');
    setReason('');
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (!open) return;
    const fields: Record<string, string> = {};
    if (open.outcomes.length > 1 && !outcome) fields.outcome = t('cases.move.outcome_missing');
    if (open.needsReason && !reason.trim()) fields.reason = t('cases.move.reason_missing');
    if (Object.keys(fields).length > 0) return setErrors({ summary: [], fields });
    send(open);
  };

  const describedBy = (field: string, hint: boolean) =>
    [hint ? `field-${field}-hint` : '', errors.fields[field] ? `field-${field}-error` : ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <section aria-labelledby="moves-title" class="panel">
      <h2 id="moves-title">{t('cases.move.title')}</h2>
      <ErrorSummary id="move-errors" errors={errors} labels={labels} />
      {!open && (
        <div class="moves">
          {allowedMoves(file.state).map((move) => (
            <button key={move.name} type="button" class={move.name === 'close' || move.name === 'decline' ? 'button' : 'button primary'}
              disabled={busy} onClick={() => choose(move)}>{t(`cases.move.${move.name}`)}</button>
          ))}
        </div>
      )}
      {open && (
        <form onSubmit={submit} noValidate class="narrow" aria-labelledby="move-form-title">
          <h3 id="move-form-title">{t(`cases.move.${open.name}`)}</h3>
          {open.outcomes.length > 1 && (
            <div class={errors.fields.outcome ? 'field field-invalid' : 'field'}>
              <label for="field-outcome">{labels.outcome}</label>
              {errors.fields.outcome && <p class="field-error" id="field-outcome-error">{errors.fields.outcome}</p>}
              <select id="field-outcome" value={outcome} aria-invalid={errors.fields.outcome ? 'true' : undefined}
                aria-describedby={describedBy('outcome', false)}
                onChange={(event) => setOutcome((event.target as HTMLSelectElement).value)}>
                <option value="">{t('cases.move.outcome_choose')}</option>
                {open.outcomes.map((o) => <option key={o} value={o}>{t(`cases.outcome.${o}`)}</option>)}
              </select>
            </div>
          )}
          {open.needsReason && (
            <div class={errors.fields.reason ? 'field field-invalid' : 'field'}>
              <label for="field-reason">{labels.reason}</label>
              <p class="hint" id="field-reason-hint">{t('cases.move.reason_hint')}</p>
              {errors.fields.reason && <p class="field-error" id="field-reason-error">{errors.fields.reason}</p>}
              <textarea id="field-reason" name="reason" rows={3} maxLength={2000} dir="auto" value={reason}
                aria-invalid={errors.fields.reason ? 'true' : undefined} aria-describedby={describedBy('reason', true)}
                onInput={(event) => setReason((event.target as HTMLTextAreaElement).value)} />
            </div>
          )}
          <div class="actions">
            <Submit busy={busy}>{t(`cases.move.${open.name}`)}</Submit>
            <button type="button" class="button" onClick={() => { setOpen(null); setErrors(noErrors); }}>
              {t('cases.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
