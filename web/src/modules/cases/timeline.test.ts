// The sentences of a case's timeline: who did what, with names isolated from the sentence's own
// direction, and the name of a worker taken off the team found in the event that put her on it.
import { expect, it } from 'vitest';
import type { TimelineEvent } from './records';
import { isolate, namesOf, sentenceOf } from './timeline';

const t = (key: string, values?: Record<string, unknown>) => values ? `${key}${JSON.stringify(values)}` : `<${key}>`;
const by = { user_id: 4, display_name: 'Nour' };
const event = (kind: string, detail: TimelineEvent['detail'], who: TimelineEvent['by'] = by): TimelineEvent =>
  ({ id: 1, kind, by: who, at: 0, detail });

it('Opened_AndMoved_NameWhoAndTheStatesInHerLanguage', () => {
  expect(sentenceOf(event('opened', {}), new Map(), t)).toEqual({ key: 'cases.timeline.opened', values: { who: isolate('Nour') } });
  expect(sentenceOf(event('moved', { from: 'intake', to: 'active' }), new Map(), t)).toEqual({
    key: 'cases.timeline.moved',
    values: { who: isolate('Nour'), from: '<cases.state.intake>', to: '<cases.state.active>' },
  });
});

it('AnEventOfNoOne_SaysSomeone', () => {
  expect(sentenceOf(event('opened', {}, null), new Map(), t).values.who).toBe(isolate('<cases.timeline.someone>'));
});

it('TeamChanges_NameTheMember_EvenWhenTakenOffByIdOnly', () => {
  const events = [
    event('team_changed', { user_id: 6, name: 'Bahar', role: 'member' }),
    event('team_changed', { user_id: 6 }),
    event('team_changed', { user_id: 9 }),
  ];
  const names = namesOf(events);
  expect(names).toEqual(new Map([[6, 'Bahar']]));
  expect(sentenceOf(events[0], names, t)).toEqual({
    key: 'cases.timeline.team_joined', values: { who: isolate('Nour'), member: isolate('Bahar'), role: '<cases.role.member>' },
  });
  expect(sentenceOf(events[1], names, t)).toEqual({
    key: 'cases.timeline.team_left', values: { who: isolate('Nour'), member: isolate('Bahar') },
  });
  expect(sentenceOf(events[2], names, t).values.member).toBe(isolate('cases.timeline.worker_number{"id":9}'));
});

it('HerPlan_AgreedRevisedOrAnActionMoved_OrANoteOrADocumentAdded_SaysWho', () => {
  for (const kind of ['plan_agreed', 'plan_revised', 'plan_action', 'note_added', 'document_added']) {
    expect(sentenceOf(event(kind, {}), new Map(), t)).toEqual({ key: `cases.timeline.${kind}`, values: { who: isolate('Nour') } });
  }
});

it('AnUnknownKind_StillSaysWho', () => {
  expect(sentenceOf(event('archived', {}), new Map(), t)).toEqual({ key: 'cases.timeline.other', values: { who: isolate('Nour') } });
});

it('Isolate_WrapsInFirstStrongIsolate', () => {
  expect(isolate('Fatou (demo)')).toBe('\u2068Fatou (demo)\u2069');
});
