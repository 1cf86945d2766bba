// The case's notes, newest first: who wrote each, when, and whether it is for her team only or
// shared with her too; and, for those who write on the case, a form to write one. Notes are
// sealed at rest by the server; the screen only reads and sends them.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, ok, type User } from '../../api/client';
import { ErrorSummary, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { visibilities, type CaseNote, type Visibility } from './notes';
import { Choice, Note } from './part';
import type { TeamMember } from './records';
import { isolate } from './timeline';

interface PanelProps {
  caseId: string;
  readAt: number;
  team: TeamMember[];
  writes: boolean;          // she may write a note (her team's workers, the coordinators)
  onChanged: () => void;    // a note is an event of the case
}

// Who wrote a note (or uploaded a document): by the name her team gives, or the reader's own name;
// else "someone" (a coordinator not on her team, or one since gone).
export function authorOf(userId: number | null, team: TeamMember[], me: User | undefined, someone: string) {
  if (userId !== null && userId === me?.id) return me.display_name;
  return team.find((member) => member.user_id === userId)?.display_name ?? someone;
}

export function NotesPanel({ caseId, readAt, team, writes, onChanged }: PanelProps) {
  const { t } = useI18n();
  const { session } = useAppState();
  const [notes, setNotes] = useState<CaseNote[]>([]);
  const [more, setMore] = useState<string | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('team');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const inCase = { path: { case_id: caseId } };

  const page = (cursor?: string) => ok(api.GET('/api/v1/cases/{case_id}/notes',
    { params: { ...inCase, query: cursor ? { cursor } : {} } }));
  const read = () => page().then((got) => {
    setNotes(got.items);
    setMore(got.next_cursor);
    setFailed(noErrors);
  }).catch((error) => setFailed(errorsOf(error, t, [])));
  useEffect(() => { read(); }, [caseId, readAt]);
  const showMore = () => {
    if (more) page(more).then((got) => {
      setNotes((shown) => [...shown, ...got.items]);
      setMore(got.next_cursor);
    }).catch((error) => setFailed(errorsOf(error, t, [])));
  };

  // The form's fields, by the names the server gives them prefixed (the documents' form has a
  // visibility too).
  const labels = { 'note-text': t('cases.notes.text'), 'note-visibility': t('cases.notes.visibility') };
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaid('');
    if (!text.trim()) return setErrors({ summary: [], fields: { 'note-text': t('cases.notes.text_missing') } });
    setBusy(true);
    try {
      await ok(api.POST('/api/v1/cases/{case_id}/notes', { params: inCase, body: { text: text.trim(), visibility } }));
      setErrors(noErrors);
      setText('');
      setVisibility('team');
      setSaid(t(visibility === 'her' ? 'cases.notes.written_shared' : 'cases.notes.written'));
      await read();
      onChanged();
    } catch (error) {
      setErrors(errorsOf(error instanceof ApiError ? new ApiError(error.status, error.type, error.title, error.detail,
        error.errors.map((e) => ({ ...e, field: `note-${e.field}` }))) : error, t, Object.keys(labels)));
    }
    setBusy(false);
  };

  const someone = t('cases.timeline.someone');
  return (
    <section aria-labelledby="notes-title" class="panel notes">
      <h2 id="notes-title">{t('cases.notes.title')}</h2>
      <ErrorSummary id="notes-failed" errors={failed} labels={{}} />
      {notes.length === 0 ? <p class="hint" id="notes-none">{t('cases.notes.none')}</p> : (
        <ol class="timeline notes__list" aria-labelledby="notes-title">
          {notes.map((note) => (
            <li key={note.id} class="timeline__event">
              <p class="timeline__what">
                {t('cases.notes.by', { who: isolate(authorOf(note.author_user_id, team, session?.user, someone)) })}{' '}
                <span class={`state state--${note.visibility === 'her' ? 'active' : 'intake'}`}>
                  {t(`cases.visibility.${note.visibility}`)}</span></p>
              <p class="timeline__when">{t('cases.timeline.when', { at: note.created_at })}</p>
              <p class="notes__text" dir="auto">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      {more !== null && <button type="button" class="button" onClick={showMore}>{t('cases.notes.more')}</button>}
      <p role="status" class="confirmation">{said}</p>
      {writes && (
        <details class="disclosure">
          <summary id="note-add-title">{t('cases.notes.add')}</summary>
          <ErrorSummary id="note-errors" errors={errors} labels={labels} />
          <form onSubmit={submit} noValidate aria-labelledby="note-add-title">
            <Note name="note-text" label={labels['note-text']} hint={t('cases.notes.text_hint')} value={text}
              maxLength={10000} errors={errors} onInput={setText} />
            <Choice name="note-visibility" label={labels['note-visibility']} value={visibility} options={visibilities}
              labelOf={(option) => t(`cases.visibility.${option}`)} errors={errors}
              onChange={(value) => setVisibility(value as Visibility)} />
            <Submit busy={busy}>{t('cases.notes.write')}</Submit>
          </form>
        </details>
      )}
    </section>
  );
}
