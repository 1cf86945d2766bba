// What the three parts of her profile share: each is read with its own version (ETag) and written
// whole with If-Match, so that a change someone else made meanwhile (412) is not overwritten: the
// case screen then says so, as for a move, and reads the case again. A part the reader may not
// read (the sensitive one, for those not on her team) answers 403 or 404: it is then not shown.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, ok } from '../../api/client';
import { ErrorSummary, Submit, errorsOf, hasErrors, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';

export type PartPath = '/api/v1/cases/{case_id}/profile' | '/api/v1/cases/{case_id}/safe-contact' |
  '/api/v1/cases/{case_id}/sensitive' | '/api/v1/cases/{case_id}/plan';

interface Stored { etag: string; recorded: boolean }

// The part as read (null until it is, or when it may not be read), read again whenever `readAt`
// changes (the case screen's reload).
export function usePart<T extends Stored>(path: PartPath, caseId: string, readAt: number, hideRefused = false) {
  const { t } = useI18n();
  const [part, setPart] = useState<T | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  useEffect(() => {
    let current = true;
    ok(api.GET(path, { params: { path: { case_id: caseId } } })).then((read) => {
      if (current) { setPart(read as unknown as T); setFailed(noErrors); }
    }).catch((error) => {
      if (!current) return;
      setPart(null);
      const refused = error instanceof ApiError && (error.status === 403 || error.status === 404);
      setFailed(hideRefused && refused ? noErrors : errorsOf(error, t, []));
    });
    return () => { current = false; };
  }, [path, caseId, readAt]);
  return { part, setPart, failed };
}

interface PartFormProps<T> {
  id: string;              // the panel's name, for its ids
  title: string;
  path: PartPath;
  caseId: string;
  part: T & Stored;
  changes: boolean;        // she may change it
  labels: Record<string, string>;
  known: string[];         // the fields the form shows, by the names the server gives them
  toBody: () => { body: object } | { fields: Record<string, string> };
  onSaved: (saved: T & Stored) => void;
  onStale: () => void;
  children: ComponentChildren;
  before?: ComponentChildren;  // said above the form
  folded?: string;             // folded away behind this summary until she opens it
  errors: FormErrors;
  setErrors: (errors: FormErrors) => void;
  codes?: Record<string, string>;  // the part's own refusals (code -> message key), said at their field
  fieldOf?: (field: string) => string;  // the form's field for a field the server names
  after?: ComponentChildren;   // said below the form
  editOnly?: boolean;          // the form is left out for those who may not change the part
  foldOnSave?: boolean;        // a folded form folds again once saved (the panel then says so)
}

export function PartForm<T>(props: PartFormProps<T>) {
  const { t } = useI18n();
  const { id, title, path, caseId, part, changes, labels, known, toBody, onSaved, onStale, errors, setErrors } = props;
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  // A folded part opens when a save is refused, for her to see what to fix.
  const folder = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (hasErrors(errors) && folder.current) folder.current.open = true;
  }, [errors]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaid('');
    const asked = toBody();
    if ('fields' in asked) return setErrors({ summary: [], fields: asked.fields });
    setBusy(true);
    try {
      const saved = await ok(api.PUT(path, {
        params: { path: { case_id: caseId }, header: { 'If-Match': part.etag } },
        body: asked.body as never,
      }));
      setErrors(noErrors);
      setSaid(t('cases.part.saved'));
      if (props.foldOnSave && folder.current) {
        folder.current.open = false;
        folder.current.querySelector('summary')?.focus();
      }
      onSaved(saved as unknown as T & Stored);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setErrors(noErrors);
        onStale();
      } else {
        const fieldOf = props.fieldOf ?? ((field: string) => field);
        const named = error instanceof ApiError
          ? new ApiError(error.status, error.type, error.title, error.detail,
            error.errors.map((e) => ({ ...e, field: fieldOf(e.field) })))
          : error;
        const found = errorsOf(named, t, known);
        if (named instanceof ApiError) {
          for (const { field, code } of named.errors) {
            if (props.codes?.[code] && known.includes(field)) found.fields[field] = t(props.codes[code]);
          }
        }
        setErrors(found);
      }
    }
    setBusy(false);
  };

  const form = (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <fieldset disabled={!changes} class="part__fields">
        <legend class="visually-hidden">{title}</legend>
        {props.children}
      </fieldset>
      {changes && <Submit busy={busy}>{t('cases.part.save')}</Submit>}
      <p role="status" class="confirmation">{said}</p>
    </form>
  );
  return (
    <section aria-labelledby={`${id}-title`} class="panel part">
      <h2 id={`${id}-title`}>{title}</h2>
      {props.before}
      <ErrorSummary id={`${id}-errors`} errors={errors} labels={labels} />
      {props.editOnly && !changes ? null : props.folded ? (
        <details class="disclosure" ref={folder}>
          <summary id={`${id}-show`}>{props.folded}</summary>
          {form}
        </details>
      ) : form}
      {props.after}
    </section>
  );
}

// The ids a field's hint and error give its aria-describedby.
export const describedBy = (name: string, errors: FormErrors, hint = false) =>
  [hint ? `field-${name}-hint` : '', errors.fields[name] ? `field-${name}-error` : ''].filter(Boolean).join(' ') ||
  undefined;

interface ChoiceProps {
  name: string;
  label: string;
  value: string;
  options: readonly string[];
  labelOf: (option: string) => string;
  errors: FormErrors;
  onChange: (value: string) => void;
}

export function Choice({ name, label, value, options, labelOf, errors, onChange }: ChoiceProps) {
  return (
    <div class={errors.fields[name] ? 'field field-invalid' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {errors.fields[name] && <p class="field-error" id={`field-${name}-error`}>{errors.fields[name]}</p>}
      <select id={`field-${name}`} value={value} aria-invalid={errors.fields[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, errors)}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        {options.map((option) => <option key={option} value={option}>{labelOf(option)}</option>)}
      </select>
    </div>
  );
}

interface NoteProps {
  name: string;
  label: string;
  hint?: string;
  value: string;
  maxLength?: number;
  errors: FormErrors;
  onInput: (value: string) => void;
}

export function Note({ name, label, hint, value, maxLength = 4000, errors, onInput }: NoteProps) {
  return (
    <div class={errors.fields[name] ? 'field field-invalid' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {hint && <p class="hint" id={`field-${name}-hint`}>{hint}</p>}
      {errors.fields[name] && <p class="field-error" id={`field-${name}-error`}>{errors.fields[name]}</p>}
      <textarea id={`field-${name}`} rows={3} maxLength={maxLength} dir="auto" value={value}
        aria-invalid={errors.fields[name] ? 'true' : undefined} aria-describedby={describedBy(name, errors, !!hint)}
        onInput={(event) => onInput((event.target as HTMLTextAreaElement).value)} />
    </div>
  );
}

export function Check({ name, label, checked, onChange }:
  { name: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div class="check">
      <input id={`field-${name}`} type="checkbox" checked={checked}
        onChange={(event) => onChange((event.target as HTMLInputElement).checked)} />
      <label for={`field-${name}`}>{label}</label>
    </div>
  );
}
