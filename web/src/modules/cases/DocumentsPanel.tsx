// The case's documents, newest first: each one's name, type (as the server read it from its
// bytes), size, day, and whether it is for her team only or shared with her too, with a link to
// download it (the server sends it as an attachment, never shown inline); and, for those who
// write on the case, a form to upload one. A refusal (too large, a type a case does not keep) is
// said at the file's field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, ok } from '../../api/client';
import { ErrorSummary, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { authorOf } from './NotesPanel';
import { downloadOf, keptName, kindOf, sizeOf, uploadCodes, uploadField, visibilities, type CaseDocument,
  type Visibility } from './notes';
import { Choice, describedBy } from './part';
import type { TeamMember } from './records';
import { isolate } from './timeline';

interface PanelProps {
  caseId: string;
  readAt: number;
  team: TeamMember[];
  writes: boolean;          // she may upload a document (her team's workers, the coordinators)
  onChanged: () => void;    // a document is an event of the case
}

export function DocumentsPanel({ caseId, readAt, team, writes, onChanged }: PanelProps) {
  const { t, locale, formatDate } = useI18n();
  const { session } = useAppState();
  const [documents, setDocuments] = useState<CaseDocument[]>([]);
  const [more, setMore] = useState<string | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [file, setFile] = useState<File | null>(null);
  const [visibility, setVisibility] = useState<Visibility>('team');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const inCase = { path: { case_id: caseId } };

  const page = (cursor?: string) => ok(api.GET('/api/v1/cases/{case_id}/documents',
    { params: { ...inCase, query: cursor ? { cursor } : {} } }));
  const read = () => page().then((got) => {
    setDocuments(got.items);
    setMore(got.next_cursor);
    setFailed(noErrors);
  }).catch((error) => setFailed(errorsOf(error, t, [])));
  useEffect(() => { read(); }, [caseId, readAt]);
  const showMore = () => {
    if (more) page(more).then((got) => {
      setDocuments((shown) => [...shown, ...got.items]);
      setMore(got.next_cursor);
    }).catch((error) => setFailed(errorsOf(error, t, [])));
  };

  const labels = { 'document-file': t('cases.documents.file'),
    'document-visibility': t('cases.documents.visibility') };
  // The refusal of an upload, said at the field it concerns: the file (its bytes, its type, its
  // name, its size) or its visibility.
  const refusal = (error: unknown): FormErrors => {
    if (error instanceof ApiError && error.status === 413) {
      return { summary: [], fields: { 'document-file': t('cases.documents.too_large') } };
    }
    if (!(error instanceof ApiError)) return errorsOf(error, t, []);
    const named = new ApiError(error.status, error.type, error.title, error.detail,
      error.errors.map((e) => ({ ...e, field: uploadField(e.field) })));
    const found = errorsOf(named, t, Object.keys(labels));
    for (const { field, code } of named.errors) {
      if (uploadCodes[code]) found.fields[field] = t(uploadCodes[code]);
    }
    return found;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaid('');
    if (!file) return setErrors({ summary: [], fields: { 'document-file': t('cases.documents.file_missing') } });
    if (file.size === 0) return setErrors({ summary: [], fields: { 'document-file': t('cases.documents.empty') } });
    setBusy(true);
    try {
      const name = keptName(file.name) || t('cases.documents.unnamed');
      // Sent as bytes of no declared type: the server reads the type from them.
      const added = await ok(api.POST('/api/v1/cases/{case_id}/documents', {
        params: { ...inCase, query: { name, visibility } },
        headers: { 'Content-Type': 'application/octet-stream' },
        body: file as never,
        bodySerializer: (body: unknown) => body as BodyInit,
      }));
      setErrors(noErrors);
      setFile(null);
      setVisibility('team');
      if (input.current) input.current.value = '';
      setSaid(t(added.visibility === 'her' ? 'cases.documents.uploaded_shared' : 'cases.documents.uploaded',
        { name: isolate(added.name) }));
      await read();
      onChanged();
    } catch (error) {
      setErrors(refusal(error));
    }
    setBusy(false);
  };

  const someone = t('cases.timeline.someone');
  const fileError = errors.fields['document-file'];
  return (
    <section aria-labelledby="documents-title" class="panel documents">
      <h2 id="documents-title">{t('cases.documents.title')}</h2>
      <ErrorSummary id="documents-failed" errors={failed} labels={{}} />
      {documents.length === 0 ? <p class="hint" id="documents-none">{t('cases.documents.none')}</p> : (
        <ul class="team documents__list" aria-labelledby="documents-title">
          {documents.map((document) => (
            <li key={document.id}>
              <span class="team__name"><bdi>{document.name}</bdi></span>{' '}
              <span class="team__role">{t('cases.documents.facts', {
                kind: isolate(t(`cases.documents.kind.${kindOf(document.media_type)}`)),
                size: isolate(sizeOf(document.size_bytes, locale)), date: formatDate(document.created_at),
                who: isolate(authorOf(document.uploaded_by_user_id, team, session?.user, someone)) })}</span>{' '}
              <span class={`state state--${document.visibility === 'her' ? 'active' : 'intake'}`}>
                {t(`cases.visibility.${document.visibility}`)}</span>{' '}
              <a class="button small" href={downloadOf(document)} download={document.name}>
                {t('cases.documents.download')}<span class="visually-hidden"> (<bdi>{document.name}</bdi>)</span></a>
            </li>
          ))}
        </ul>
      )}
      {more !== null && <button type="button" class="button" onClick={showMore}>{t('cases.documents.more')}</button>}
      <p role="status" class="confirmation">{said}</p>
      {writes && (
        <details class="disclosure">
          <summary id="document-add-title">{t('cases.documents.add')}</summary>
          <ErrorSummary id="document-errors" errors={errors} labels={labels} />
          <form onSubmit={submit} noValidate aria-labelledby="document-add-title">
            <div class={fileError ? 'field field-invalid' : 'field'}>
              <label for="field-document-file">{labels['document-file']}</label>
              <p class="hint" id="field-document-file-hint">{t('cases.documents.file_hint')}</p>
              {fileError && <p class="field-error" id="field-document-file-error">{fileError}</p>}
              <input id="field-document-file" type="file" ref={input} aria-invalid={fileError ? 'true' : undefined}
                aria-describedby={describedBy('document-file', errors, true)}
                accept=".pdf,.jpg,.jpeg,.png,.webp,.heic,.heif,.txt,.odt,.docx,application/pdf,image/*,text/plain"
                onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0] ?? null)} />
            </div>
            <Choice name="document-visibility" label={labels['document-visibility']} value={visibility}
              options={visibilities}
              labelOf={(option) => t(`cases.visibility.${option}`)} errors={errors}
              onChange={(value) => setVisibility(value as Visibility)} />
            <Submit busy={busy}>{t('cases.documents.upload')}</Submit>
          </form>
        </details>
      )}
    </section>
  );
}
