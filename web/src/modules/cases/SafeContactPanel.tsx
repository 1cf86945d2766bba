// Her safe-contact rules: by which channel she may be reached (or none), at which number or
// address, on which days and hours, whether a message may be left or may name the organization,
// and the code word she chose. Until they are recorded nobody contacts her, and the panel says so.
import { useEffect, useState } from 'preact/hooks';
import { Field, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { Check, PartForm, usePart } from './part';
import { channels, safeContactBody, safeContactForm, weekdayName, weekdays, type SafeContactForm,
  type SafeContactPart } from './profile';

interface PanelProps { caseId: string; readAt: number; changes: boolean; onStale: () => void }

export function SafeContactPanel({ caseId, readAt, changes, onStale }: PanelProps) {
  const { t, locale } = useI18n();
  const { part, setPart, failed } = usePart<SafeContactPart>('/api/v1/cases/{case_id}/safe-contact', caseId, readAt);
  const [form, setForm] = useState<SafeContactForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  useEffect(() => { if (part) setForm(safeContactForm(part)); }, [part]);
  if (!part || !form) return failed.summary.length ? <p class="field-error">{failed.summary.join(' ')}</p> : null;

  const change = (next: Partial<SafeContactForm>) => setForm({ ...form, ...next });
  const labels = {
    channel: t('cases.safe.channel'), phone: t('cases.safe.phone'), email: t('cases.safe.email'),
    days: t('cases.safe.days'), from: t('cases.safe.from'), to: t('cases.safe.to'), code_word: t('cases.safe.code_word'),
  };
  const byPhone = form.channel === 'phone_call' || form.channel === 'sms';
  const nobody = !part.recorded || part.channel === 'none';

  return (
    <PartForm id="safe-contact" title={t('cases.safe.title')} path="/api/v1/cases/{case_id}/safe-contact"
      caseId={caseId} part={part} changes={changes} labels={labels} known={Object.keys(labels)} errors={errors}
      setErrors={setErrors} codes={{ before_start: 'cases.safe.before_start' }}
      toBody={() => ({ body: safeContactBody(form) })} onSaved={setPart} onStale={onStale}
      before={nobody && (
        <p class="warning" id="safe-contact-none">
          <strong>{t(part.recorded ? 'cases.safe.none_title' : 'cases.safe.unrecorded_title')}</strong>{' '}
          {t(part.recorded ? 'cases.safe.none_text' : 'cases.safe.unrecorded_text')}
        </p>
      )}>
      <fieldset class="choices" id="field-channel" tabIndex={-1}>
        <legend>{labels.channel}</legend>
        {errors.fields.channel && <p class="field-error">{errors.fields.channel}</p>}
        {channels.map((channel) => (
          <div class="check" key={channel}>
            <input type="radio" name="channel" id={`channel-${channel}`} value={channel} checked={form.channel === channel}
              onChange={() => change({ channel })} />
            <label for={`channel-${channel}`}>{t(`cases.channel.${channel}`)}</label>
          </div>
        ))}
      </fieldset>
      {(byPhone || form.phone) && (
        <Field name="phone" type="tel" label={labels.phone} hint={t('cases.safe.phone_hint')} dir="ltr"
          value={form.phone} error={errors.fields.phone} autocomplete="off" onInput={(phone) => change({ phone })} />
      )}
      {(form.channel === 'email' || form.email) && (
        <Field name="email" type="email" label={labels.email} dir="ltr" inputMode="email" value={form.email}
          error={errors.fields.email} autocomplete="off" onInput={(email) => change({ email })} />
      )}
      {form.channel !== 'none' && (
        <>
          <fieldset class="choices days" id="field-days" tabIndex={-1}>
            <legend>{labels.days}</legend>
            <p class="hint">{t('cases.safe.days_hint')}</p>
            {errors.fields.days && <p class="field-error">{errors.fields.days}</p>}
            <div class="days__list">
              {weekdays.map((day) => (
                <Check key={day} name={`day-${day}`} label={weekdayName(locale, day)} checked={form.days.includes(day)}
                  onChange={(on) => change({ days: on ? [...form.days, day] : form.days.filter((d) => d !== day) })} />
              ))}
            </div>
          </fieldset>
          <div class="hours">
            <Field name="from" type="time" label={labels.from} dir="ltr" value={form.from} error={errors.fields.from}
              onInput={(from) => change({ from })} />
            <Field name="to" type="time" label={labels.to} dir="ltr" value={form.to} error={errors.fields.to}
              onInput={(to) => change({ to })} />
          </div>
          <p class="hint">{t('cases.safe.hours_hint')}</p>
          <Check name="leave_message" label={t('cases.safe.leave_message')} checked={form.leave_message}
            onChange={(leave_message) => change({ leave_message })} />
          <Check name="name_sender" label={t('cases.safe.name_sender')} checked={form.name_sender}
            onChange={(name_sender) => change({ name_sender })} />
        </>
      )}
      <Field name="code_word" label={labels.code_word} hint={t('cases.safe.code_word_hint')} value={form.code_word}
        error={errors.fields.code_word} autocomplete="off" dir="auto" onInput={(code_word) => change({ code_word })} />
    </PartForm>
  );
}
