// Forms in the GOV.UK pattern: on a failed submit an error summary at the top, focused and
// linking to each field, and each field with its own message, tied to it for screen readers.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, OfflineError, type FieldError } from '../../api/client';
import { useI18n } from '../../i18n';

export interface FormErrors {
  summary: string[];               // messages not tied to a field
  fields: Record<string, string>;  // field name -> message
}

export const noErrors: FormErrors = { summary: [], fields: {} };

export function hasErrors(errors: FormErrors) {
  return errors.summary.length > 0 || Object.keys(errors.fields).length > 0;
}

// The messages of a failed call: each field error translated by its code, else the problem's.
export function errorsOf(error: unknown, t: (key: string) => string, known: string[]): FormErrors {
  if (error instanceof OfflineError) return { summary: [t('error.offline')], fields: {} };
  if (!(error instanceof ApiError)) return { summary: [t('error.unexpected')], fields: {} };
  const fields: Record<string, string> = {};
  const summary: string[] = [];
  error.errors.forEach((e: FieldError) => {
    const key = `field.${e.code}`;
    const message = t(key) === key ? e.message ?? t('field.invalid') : t(key);
    if (known.includes(e.field)) fields[e.field] = message;
    else summary.push(message);
  });
  if (error.errors.length === 0) summary.push(error.detail ?? error.title);
  return { summary, fields };
}

// `id` tells apart the summaries of several forms on one screen.
export function ErrorSummary({ errors, labels, id = 'error-summary' }:
  { errors: FormErrors; labels: Record<string, string>; id?: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (hasErrors(errors)) box.current?.focus();
  }, [errors]);
  if (!hasErrors(errors)) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('form.error_summary')}</h2>
      <ul>
        {errors.summary.map((message) => <li key={message}>{message}</li>)}
        {Object.entries(errors.fields).map(([field, message]) => (
          <li key={field}>
            <a href={`#field-${field}`}>{labels[field] ? `${labels[field]}: ${message}` : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  type?: string;
  value: string;
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'email';
  onInput: (value: string) => void;
  dir?: 'ltr' | 'rtl' | 'auto';
}

export function Field({ name, label, hint, error, type = 'text', value, autocomplete, inputMode, onInput, dir }: FieldProps) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
      <input id={id} name={name} type={type} value={value} autocomplete={autocomplete} inputMode={inputMode}
        dir={dir} aria-invalid={error ? 'true' : undefined} aria-describedby={described || undefined}
        onInput={(event) => onInput((event.target as HTMLInputElement).value)} />
    </div>
  );
}

export function Submit({ children, busy }: { children: ComponentChildren; busy: boolean }) {
  return <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>{children}</button>;
}
