// An assessment sends the domains scored, in the server's order, each with its note when it has
// one; none scored is refused before sending; a field the server names by its place in what was
// sent finds its domain again.
import { describe, expect, it } from 'vitest';
import { assessmentBody, domains, emptyAssessment, fieldOf } from './assessments';

describe('assessmentBody', () => {
  it('sends only the domains scored, in order, with their trimmed notes', () => {
    const form = emptyAssessment();
    form.work = { score: 3, note: '' };
    form.language = { score: 2, note: '  A2 course  ' };
    form.housing = { score: null, note: 'not sent without a score' };
    expect(assessmentBody(form)).toEqual({ body: { scores: [
      { domain: 'language', score: 2, note: 'A2 course' }, { domain: 'work', score: 3 }] } });
  });

  it('asks for at least one domain', () => {
    expect(assessmentBody(emptyAssessment())).toEqual({ field: 'scores' });
  });

  it('knows the nine domains of the chart', () => {
    expect(domains).toHaveLength(9);
    expect(Object.keys(emptyAssessment())).toEqual(domains);
  });
});

describe('fieldOf', () => {
  const sent = [{ domain: 'language' as const }, { domain: 'work' as const }];
  it('turns a place in what was sent into its domain', () => {
    expect(fieldOf(sent, 'scores.1.note')).toBe('note-work');
    expect(fieldOf(sent, 'scores.0.score')).toBe('score-language');
  });
  it('leaves any other field as it is', () => {
    expect(fieldOf(sent, 'scores')).toBe('scores');
    expect(fieldOf(sent, 'scores.7.note')).toBe('scores.7.note');
  });
});
