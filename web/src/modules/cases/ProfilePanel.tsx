// Her profile: the languages she speaks (a BCP 47 tag, such as "ar" or "pt-BR", and how well) and
// her children (age, school, special needs), a row each, added and taken away in the form and
// saved together.
import { useEffect, useState } from 'preact/hooks';
import { noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { Check, Choice, PartForm, describedBy, usePart } from './part';
import { languageName, levels, profileBody, profileForm, schools, type ProfileForm, type ProfilePart } from './profile';

interface PanelProps { caseId: string; readAt: number; changes: boolean; onStale: () => void }

export function ProfilePanel({ caseId, readAt, changes, onStale }: PanelProps) {
  const { t, locale } = useI18n();
  const { part, setPart, failed } = usePart<ProfilePart>('/api/v1/cases/{case_id}/profile', caseId, readAt);
  const [form, setForm] = useState<ProfileForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  // The form shows the part as last read or saved.
  useEffect(() => { if (part) setForm(profileForm(part)); }, [part]);
  if (!part || !form) return failed.summary.length ? <p class="field-error">{failed.summary.join(' ')}</p> : null;

  const change = (next: Partial<ProfileForm>) => setForm({ ...form, ...next });
  const labels: Record<string, string> = { languages: t('cases.profile.languages'), children: t('cases.profile.children') };
  form.languages.forEach((_, i) => {
    labels[`languages.${i}.language`] = t('cases.profile.language_n', { n: i + 1 });
    labels[`languages.${i}.level`] = t('cases.profile.level_n', { n: i + 1 });
  });
  form.children.forEach((_, i) => {
    labels[`children.${i}.age`] = t('cases.profile.age_n', { n: i + 1 });
    labels[`children.${i}.school`] = t('cases.profile.school_n', { n: i + 1 });
  });

  return (
    <PartForm id="profile" title={t('cases.profile.title')} path="/api/v1/cases/{case_id}/profile" caseId={caseId}
      part={part} changes={changes} labels={labels} known={Object.keys(labels)} errors={errors} setErrors={setErrors}
      codes={{ duplicate: 'cases.profile.duplicate' }}
      toBody={() => {
        const asked = profileBody(form);
        if ('fields' in asked) {
          return { fields: Object.fromEntries(Object.keys(asked.fields).map((field) => [field, t('cases.profile.age_wrong')])) };
        }
        return asked;
      }}
      onSaved={setPart} onStale={onStale}>
      <fieldset class="rows" id="field-languages" tabIndex={-1}>
        <legend>{labels.languages}</legend>
        {errors.fields.languages && <p class="field-error">{errors.fields.languages}</p>}
        {form.languages.length === 0 && <p class="hint">{t('cases.profile.no_language')}</p>}
        {form.languages.map((row, i) => {
          const name = `languages.${i}.language`;
          const known = languageName(locale, row.language);
          return (
            <div class="row" key={i}>
              <div class={errors.fields[name] ? 'field field-invalid' : 'field'}>
                <label for={`field-${name}`}>{labels[name]}</label>
                <p class="hint" id={`field-${name}-hint`}>{known
                  ? t('cases.profile.language_is', { name: known }) : t('cases.profile.language_hint')}</p>
                {errors.fields[name] && <p class="field-error" id={`field-${name}-error`}>{errors.fields[name]}</p>}
                <input id={`field-${name}`} dir="ltr" value={row.language} autocomplete="off" maxLength={35}
                  aria-invalid={errors.fields[name] ? 'true' : undefined} aria-describedby={describedBy(name, errors, true)}
                  onInput={(event) => change({ languages: form.languages.map((r, j) => j === i
                    ? { ...r, language: (event.target as HTMLInputElement).value } : r) })} />
              </div>
              <Choice name={`languages.${i}.level`} label={labels[`languages.${i}.level`]} value={row.level}
                options={levels} labelOf={(level) => t(`cases.level.${level}`)} errors={errors}
                onChange={(level) => change({ languages: form.languages.map((r, j) => j === i
                  ? { ...r, level: level as typeof r.level } : r) })} />
              {changes && (
                <button type="button" class="button small" onClick={() =>
                  change({ languages: form.languages.filter((_, j) => j !== i) })}>
                  {t('cases.profile.remove_language', { n: i + 1 })}
                </button>
              )}
            </div>
          );
        })}
        {changes && form.languages.length < 20 && (
          <button type="button" class="button" onClick={() =>
            change({ languages: [...form.languages, { language: '', level: 'basic' }] })}>
            {t('cases.profile.add_language')}
          </button>
        )}
      </fieldset>
      <fieldset class="rows" id="field-children" tabIndex={-1}>
        <legend>{labels.children}</legend>
        {errors.fields.children && <p class="field-error">{errors.fields.children}</p>}
        {form.children.length === 0 && <p class="hint">{t('cases.profile.no_child')}</p>}
        {form.children.map((row, i) => {
          const name = `children.${i}.age`;
          return (
            <div class="row" key={i}>
              <div class={errors.fields[name] ? 'field field-invalid' : 'field'}>
                <label for={`field-${name}`}>{labels[name]}</label>
                {errors.fields[name] && <p class="field-error" id={`field-${name}-error`}>{errors.fields[name]}</p>}
                <input id={`field-${name}`} inputMode="numeric" dir="ltr" value={row.age} autocomplete="off" maxLength={2}
                  class="short" aria-invalid={errors.fields[name] ? 'true' : undefined}
                  aria-describedby={describedBy(name, errors)}
                  onInput={(event) => change({ children: form.children.map((r, j) => j === i
                    ? { ...r, age: (event.target as HTMLInputElement).value } : r) })} />
              </div>
              <Choice name={`children.${i}.school`} label={labels[`children.${i}.school`]} value={row.school}
                options={schools} labelOf={(school) => t(`cases.school.${school}`)} errors={errors}
                onChange={(school) => change({ children: form.children.map((r, j) => j === i
                  ? { ...r, school: school as typeof r.school } : r) })} />
              <Check name={`children.${i}.special_needs`} label={t('cases.profile.special_needs')}
                checked={row.special_needs} onChange={(checked) => change({ children: form.children.map((r, j) =>
                  j === i ? { ...r, special_needs: checked } : r) })} />
              {changes && (
                <button type="button" class="button small" onClick={() =>
                  change({ children: form.children.filter((_, j) => j !== i) })}>
                  {t('cases.profile.remove_child', { n: i + 1 })}
                </button>
              )}
            </div>
          );
        })}
        {changes && form.children.length < 20 && (
          <button type="button" class="button" onClick={() =>
            change({ children: [...form.children, { age: '', school: 'none', special_needs: false }] })}>
            {t('cases.profile.add_child')}
          </button>
        )}
      </fieldset>
    </PartForm>
  );
}
