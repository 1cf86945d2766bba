// Her profile's forms send what the server's schemas ask (modules/cases/profile/handlers.cpp):
// ages as numbers, language tags in their usual case, the empty texts left out for the server to
// name what is missing, the days in order.
import { describe, expect, it } from 'vitest';
import { languageName, profileBody, profileForm, safeContactBody, safeContactForm, sensitiveBody, sensitiveForm,
  weekdayName } from './profile';

describe('profile', () => {
  it('reads the stored profile into rows and sends them back as they were', () => {
    const stored = { languages: [{ language: 'ar', level: 'native' as const }, { language: 'it', level: 'basic' as const }],
      children: [{ age: 7, school: 'primary' as const, special_needs: true }, { age: 2, school: 'none' as const }],
      recorded: true, etag: '"3"' };
    const form = profileForm(stored);
    expect(form.children[1]).toEqual({ age: '2', school: 'none', special_needs: false });
    expect(profileBody(form)).toEqual({ body: {
      languages: stored.languages,
      children: [{ age: 7, school: 'primary', special_needs: true }, { age: 2, school: 'none', special_needs: false }],
    } });
  });

  it('writes a language tag as BCP 47 does, its first part in lower case', () => {
    const sent = profileBody({ languages: [{ language: ' AR ', level: 'native' }, { language: 'pt-BR', level: 'fluent' }],
      children: [] });
    expect(sent).toEqual({ body: { languages: [{ language: 'ar', level: 'native' }, { language: 'pt-BR', level: 'fluent' }],
      children: [] } });
  });

  it('names each child whose age is not a whole number of years', () => {
    const children = [{ age: 'seven', school: 'primary' as const, special_needs: false },
      { age: '4', school: 'nursery' as const, special_needs: false }, { age: '', school: 'none' as const, special_needs: false }];
    expect(profileBody({ languages: [], children })).toEqual({ fields: { 'children.0.age': 'age', 'children.2.age': 'age' } });
  });
});

describe('safe contact', () => {
  it('reads rules never recorded as nobody contacts her', () => {
    expect(safeContactForm({ channel: 'none', recorded: false, etag: '"1"' })).toEqual({
      channel: 'none', phone: '', email: '', days: [], from: '', to: '', leave_message: false, name_sender: false,
      code_word: '' });
  });

  it('sends the texts trimmed, leaves the empty ones out, and the days in order once each', () => {
    const form = { ...safeContactForm({ channel: 'sms', recorded: false, etag: '"1"' }),
      phone: ' +39 333 1234567 ', days: [5, 1, 3, 1], from: '18:00', code_word: ' jasmine ' };
    expect(safeContactBody(form)).toEqual({ channel: 'sms', phone: '+39 333 1234567', from: '18:00',
      code_word: 'jasmine', days: [1, 3, 5], leave_message: false, name_sender: false });
  });
});

describe('sensitive', () => {
  it('sends the choices and only the notes written', () => {
    const form = sensitiveForm({ violence: 'past', legal_status: 'asylum_seeker', violence_note: '', recorded: true,
      etag: '"2"' });
    expect(sensitiveBody({ ...form, health_note: ' diabetes ' }))
      .toEqual({ violence: 'past', legal_status: 'asylum_seeker', health_note: 'diabetes' });
  });
});

describe('names in her language', () => {
  it('names the weekdays from Monday (1) to Sunday (7)', () => {
    expect(weekdayName('en', 1)).toBe('Monday');
    expect(weekdayName('en', 7)).toBe('Sunday');
    expect(weekdayName('it', 3)).toBe('mercoledì');
  });

  it('names a language tag it knows, and nothing for one it does not', () => {
    expect(languageName('en', 'ar')).toBe('Arabic');
    expect(languageName('fr', 'ti')).toBe('tigrigna');
    expect(languageName('en', 'not a tag')).toBe('');
  });
});
