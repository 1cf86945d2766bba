// An autonomy assessment as its form records it: a score from 1 (depends on others) to 5 (manages
// on her own) in each domain assessed, with an optional note; the domains not assessed are left
// out, and at least one is assessed. The server names a refused note by its place in what was
// sent ("scores.1.note"), which the form turns back into the domain it belongs to.
import type { CaseAssessments } from '../../api/client';

export type Domain = CaseAssessments['progress'][number]['domain'];
export type Assessment = CaseAssessments['items'][number];

// In the order the server and the chart know them.
export const domains: Domain[] = ['language', 'documents', 'housing', 'health', 'work', 'education', 'money',
  'digital', 'social'];
export const scores = [1, 2, 3, 4, 5] as const;

export interface DomainEntry { score: number | null; note: string }
export type AssessmentForm = Record<Domain, DomainEntry>;

export const emptyAssessment = (): AssessmentForm =>
  Object.fromEntries(domains.map((domain) => [domain, { score: null, note: '' }])) as AssessmentForm;

export function assessmentBody(form: AssessmentForm):
  { body: { scores: { domain: Domain; score: number; note?: string }[] } } | { field: 'scores' } {
  const scored = domains.filter((domain) => form[domain].score !== null).map((domain) => {
    const note = form[domain].note.trim();
    return { domain, score: form[domain].score!, ...(note ? { note } : {}) };
  });
  if (scored.length === 0) return { field: 'scores' };
  return { body: { scores: scored } };
}

// The form's field for a field the server named in a body it was sent: "scores.1.note" is the
// note of the second domain sent.
export function fieldOf(sent: { domain: Domain }[], field: string): string {
  const match = /^scores\.(\d+)\.(note|score|domain)$/.exec(field);
  const domain = match && sent[Number(match[1])]?.domain;
  if (!domain) return field;
  return match[2] === 'note' ? `note-${domain}` : `score-${domain}`;
}
