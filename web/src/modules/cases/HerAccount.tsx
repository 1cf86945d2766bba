// Her own account on the case screen: once her workers made her an account (a participant of the
// organization, with its invitation code), they link it to her record by its number, and she then
// reads her own view (her plan, her appointments, what they share with her); they may unlink it.
import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import type { CaseFile } from './records';

export function HerAccount({ file, changes, onChanged }: { file: CaseFile; changes: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [user, setUser] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const labels = { user_id: t('cases.account.user_id') };
  const inCase = { path: { case_id: String(file.id) } };
  const linked = file.account_user_id;

  const change = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      setErrors(noErrors);
      setUser('');
      onChanged();
    } catch (error) {
      setErrors(errorsOf(error, t, ['user_id']));
    }
    setBusy(false);
  };
  const link = (event: Event) => {
    event.preventDefault();
    const id = Number(user.trim());
    if (!Number.isInteger(id) || id < 1) {
      return setErrors({ summary: [], fields: { user_id: t('cases.account.user_id_missing') } });
    }
    change(() => ok(api.PUT('/api/v1/cases/{case_id}/account', { params: inCase, body: { user_id: id } })));
  };

  return (
    <section aria-labelledby="her-account-title" class="panel">
      <h2 id="her-account-title">{t('cases.account.title')}</h2>
      <ErrorSummary id="her-account-errors" errors={errors} labels={labels} />
      <p id="her-account-state">
        {linked ? t('cases.account.linked', { number: linked }) : t('cases.account.none')}
      </p>
      {changes && linked && (
        <button type="button" class="button small" disabled={busy}
          onClick={() => change(() => ok(api.DELETE('/api/v1/cases/{case_id}/account', { params: inCase })))}>
          {t('cases.account.unlink')}
        </button>
      )}
      {changes && !linked && (
        <details class="disclosure">
          <summary id="her-account-add-title">{t('cases.account.link')}</summary>
          <form onSubmit={link} noValidate class="narrow" aria-labelledby="her-account-add-title">
            <Field name="user_id" label={labels.user_id} hint={t('cases.account.user_id_hint')} inputMode="numeric"
              dir="ltr" value={user} error={errors.fields.user_id} onInput={setUser} autocomplete="off" />
            <Submit busy={busy}>{t('cases.account.link_submit')}</Submit>
          </form>
        </details>
      )}
    </section>
  );
}
