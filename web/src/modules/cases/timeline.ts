// How an event of a case's timeline reads: a message key of the catalogue and its values. Names
// are isolated (Unicode FSI…PDI) so that a Latin name inside an Arabic sentence, or the reverse,
// keeps its own direction and does not reorder the words around it.
import type { TimelineEvent } from './records';

export const isolate = (text: string) => `\u2068${text}\u2069`;

// Who was on the team, by user id, as the events that put her there named her: an event of her
// leaving the team names only her id.
export function namesOf(events: TimelineEvent[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const event of events) {
    if (event.detail.user_id !== undefined && event.detail.name) names.set(event.detail.user_id, event.detail.name);
  }
  return names;
}

export interface Sentence {
  key: string;
  values: Record<string, unknown>;
}

// The sentence of an event. `t` translates the words the sentence takes as values (a state, a
// role, an outcome); `someone` stands for a worker the event does not name.
export function sentenceOf(event: TimelineEvent, names: Map<number, string>, t: (key: string, values?: Record<string, unknown>) => string): Sentence {
  const who = isolate(event.by?.display_name ?? t('cases.timeline.someone'));
  const detail = event.detail;
  switch (event.kind) {
    case 'opened':
      return { key: 'cases.timeline.opened', values: { who } };
    case 'moved':
      return {
        key: 'cases.timeline.moved',
        values: { who, from: t(`cases.state.${detail.from}`), to: t(`cases.state.${detail.to}`) },
      };
    case 'team_changed': {
      const id = detail.user_id ?? 0;
      const member = isolate(detail.name ?? names.get(id) ?? t('cases.timeline.worker_number', { id }));
      if (!detail.role) return { key: 'cases.timeline.team_left', values: { who, member } };
      return { key: 'cases.timeline.team_joined', values: { who, member, role: t(`cases.role.${detail.role}`) } };
    }
    case 'plan_agreed': case 'plan_revised': case 'plan_action': case 'note_added': case 'document_added':
      return { key: `cases.timeline.${event.kind}`, values: { who } };
    case 'glass_broken':
      return { key: 'cases.timeline.glass_broken', values: { who, until: new Date(detail.expires_at ?? event.at) } };
    case 'help_asked':
      return { key: 'cases.timeline.help_asked', values: { who, title: isolate(detail.title ?? '') } };
    case 'account_linked': case 'account_unlinked':
      return { key: `cases.timeline.${event.kind}`, values: { who } };
    default:
      return { key: 'cases.timeline.other', values: { who } };
  }
}
