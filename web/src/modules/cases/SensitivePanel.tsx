// What only the workers of her team read: whether she lives or lived with violence, her health,
// her legal status, each with a note. For anyone else (a coordinator not on her team) the server
// answers as if there were nothing: the panel is then not shown at all. Folded away until she
// opens it, so that it is not read over her shoulder with the rest of the case.
import { useEffect, useState } from 'preact/hooks';
import { noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { Choice, Note, PartForm, usePart } from './part';
import { legalStatuses, sensitiveBody, sensitiveForm, violences, type SensitiveForm, type SensitivePart } from './profile';

interface PanelProps { caseId: string; readAt: number; changes: boolean; onStale: () => void }

export function SensitivePanel({ caseId, readAt, changes, onStale }: PanelProps) {
  const { t } = useI18n();
  const { part, setPart, failed } = usePart<SensitivePart>('/api/v1/cases/{case_id}/sensitive', caseId, readAt, true);
  const [form, setForm] = useState<SensitiveForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  useEffect(() => { if (part) setForm(sensitiveForm(part)); }, [part]);
  if (!part || !form) return failed.summary.length ? <p class="field-error">{failed.summary.join(' ')}</p> : null;

  const change = (next: Partial<SensitiveForm>) => setForm({ ...form, ...next });
  const labels = {
    violence: t('cases.sensitive.violence'), violence_note: t('cases.sensitive.violence_note'),
    health_note: t('cases.sensitive.health_note'), legal_status: t('cases.sensitive.legal_status'),
    legal_note: t('cases.sensitive.legal_note'),
  };
  return (
    <PartForm id="sensitive" title={t('cases.sensitive.title')} path="/api/v1/cases/{case_id}/sensitive"
      caseId={caseId} part={part} changes={changes} labels={labels} known={Object.keys(labels)} errors={errors}
      setErrors={setErrors} toBody={() => ({ body: sensitiveBody(form) })} onSaved={setPart} onStale={onStale}
      before={<p class="hint">{t('cases.sensitive.text')}</p>} folded={t('cases.sensitive.show')}>
      <Choice name="violence" label={labels.violence} value={form.violence} options={violences}
        labelOf={(v) => t(`cases.violence.${v}`)} errors={errors}
        onChange={(violence) => change({ violence: violence as SensitiveForm['violence'] })} />
      <Note name="violence_note" label={labels.violence_note} value={form.violence_note} errors={errors}
        onInput={(violence_note) => change({ violence_note })} />
      <Note name="health_note" label={labels.health_note} value={form.health_note} errors={errors}
        onInput={(health_note) => change({ health_note })} />
      <Choice name="legal_status" label={labels.legal_status} value={form.legal_status} options={legalStatuses}
        labelOf={(s) => t(`cases.legal.${s}`)} errors={errors}
        onChange={(legal_status) => change({ legal_status: legal_status as SensitiveForm['legal_status'] })} />
      <Note name="legal_note" label={labels.legal_note} value={form.legal_note} errors={errors}
        onInput={(legal_note) => change({ legal_note })} />
    </PartForm>
  );
}
