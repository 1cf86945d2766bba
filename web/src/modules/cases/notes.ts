// A case's notes and documents as the screens read them (src/api/schema.d.ts). Each is seen by
// her team only, or shared with her too. A document's type is the one the server read from its
// bytes; the screen names it in plain words, and its size in the reader's own units.
import type { operations } from '../../api/schema';

type Read<O extends keyof operations> =
  operations[O]['responses'] extends Record<200, { content: { 'application/json': infer J } }> ? J : never;

export type CaseNote = Read<'listCaseNotes'>['items'][number];
export type CaseDocument = Read<'listCaseDocuments'>['items'][number];
export type Visibility = CaseNote['visibility'];

export const visibilities: Visibility[] = ['team', 'her'];

// The word of a document's type (a key of cases.documents.kind.*), "other" for one not listed.
const kinds: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'photo',
  'image/png': 'photo',
  'image/webp': 'photo',
  'image/heic': 'photo',
  'image/heif': 'photo',
  'text/plain': 'text',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};
export const kindOf = (mediaType: string) => kinds[mediaType] ?? 'other';

// A size in bytes, kB or MB (decimal, as phones and computers show a file's size), in her language.
export function sizeOf(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte']
    : [bytes / 1_000_000, 'megabyte'];
  // "48 bytes" in words; "254.3 kB" and "2.1 MB" as their units are commonly written.
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: 1 }).format(value);
}

// Where a document is downloaded (as an attachment: the server never shows it inline).
export const downloadOf = (document: Pick<CaseDocument, 'case_id' | 'id'>) =>
  `/api/v1/cases/${document.case_id}/documents/${document.id}`;

// The upload form's field for a field the server names: the file is the body, its declared type
// and its name; its visibility is its own.
export const uploadField = (field: string) => field === 'visibility' ? 'document-visibility' : 'document-file';

// The message key of a refusal of the upload, by its code (413, too large, has none).
export const uploadCodes: Record<string, string> = {
  required: 'cases.documents.empty',
  not_allowed: 'cases.documents.not_allowed',
  mismatch: 'cases.documents.not_allowed',
  too_long: 'cases.documents.bad_name',
  closed: 'cases.documents.closed',
};

// The name a file is kept by: at most `max` bytes of UTF-8 (the server's limit), shortened before
// its extension so that it still downloads as what it is.
export function keptName(name: string, max = 200): string {
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const trimmed = name.trim();
  if (bytes(trimmed) <= max) return trimmed;
  const dot = trimmed.lastIndexOf('.');
  const extension = dot > 0 && trimmed.length - dot <= 10 ? trimmed.slice(dot) : '';
  const chars = [...trimmed.slice(0, trimmed.length - extension.length)];
  while (chars.length > 0 && bytes(chars.join('') + extension) > max) chars.pop();
  return chars.join('').trimEnd() + extension;
}
