// Her profile as its three forms edit it: the languages she speaks and her children; her
// safe-contact rules; and what only her team reads (violence, health, legal status). Each form
// holds its fields as typed (text), and turns them into what the server is sent: the server checks
// them against its schema and names each field it refuses ("languages.0.language", "to").
import type { operations } from '../../api/schema';

type Read<O extends keyof operations> =
  operations[O]['responses'] extends Record<200, { content: { 'application/json': infer J } }> ? J : never;

export type ProfilePart = Read<'getCaseProfile'>;
export type SafeContactPart = Read<'getSafeContact'>;
export type SensitivePart = Read<'getSensitiveAttributes'>;

export const levels = ['none', 'basic', 'intermediate', 'fluent', 'native'] as const;
export const schools = ['none', 'nursery', 'primary', 'secondary', 'vocational', 'other'] as const;
export const channels = ['phone_call', 'sms', 'email', 'in_person', 'none'] as const;
export const violences = ['not_asked', 'none', 'past', 'ongoing'] as const;
export const legalStatuses = ['not_asked', 'eu_citizen', 'residence_permit', 'asylum_seeker',
  'international_protection', 'undocumented', 'other'] as const;
// ISO weekdays: 1 is Monday, 7 Sunday.
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export interface LanguageRow { language: string; level: (typeof levels)[number] }
export interface ChildRow { age: string; school: (typeof schools)[number]; special_needs: boolean }
export interface ProfileForm { languages: LanguageRow[]; children: ChildRow[] }

export function profileForm(part: ProfilePart): ProfileForm {
  return {
    languages: part.languages.map(({ language, level }) => ({ language, level })),
    children: part.children.map((child) => ({ age: String(child.age), school: child.school,
      special_needs: child.special_needs ?? false })),
  };
}

// The profile to send, or the fields to fix first: an age that is not a whole number (the server
// would refuse its type without saying which child). Language tags are lower-cased in their first
// part, as BCP 47 writes them ("ar", "pt-BR"); the server checks their form.
export function profileBody(form: ProfileForm):
  { body: Pick<ProfilePart, 'languages' | 'children'> } | { fields: Record<string, 'age'> } {
  const fields: Record<string, 'age'> = {};
  form.children.forEach((child, i) => {
    if (!/^[0-9]{1,2}$/.test(child.age.trim())) fields[`children.${i}.age`] = 'age';
  });
  if (Object.keys(fields).length > 0) return { fields };
  return {
    body: {
      languages: form.languages.map(({ language, level }) => {
        const [first, ...rest] = language.trim().split('-');
        return { language: [first.toLowerCase(), ...rest].join('-'), level };
      }),
      children: form.children.map((child) => ({ age: Number(child.age.trim()), school: child.school,
        special_needs: child.special_needs })),
    },
  };
}

export interface SafeContactForm {
  channel: (typeof channels)[number];
  phone: string;
  email: string;
  days: number[];
  from: string;
  to: string;
  leave_message: boolean;
  name_sender: boolean;
  code_word: string;
}

export function safeContactForm(part: SafeContactPart): SafeContactForm {
  return {
    channel: part.channel, phone: part.phone ?? '', email: part.email ?? '', days: part.days ?? [],
    from: part.from ?? '', to: part.to ?? '', leave_message: part.leave_message ?? false,
    name_sender: part.name_sender ?? false, code_word: part.code_word ?? '',
  };
}

// The rules to send: the texts trimmed and the empty ones left out (for the server to name a
// missing phone or hour), the days in order.
export function safeContactBody(form: SafeContactForm) {
  const text = (name: 'phone' | 'email' | 'from' | 'to' | 'code_word') => {
    const value = form[name].trim();
    return value ? { [name]: value } : {};
  };
  return {
    channel: form.channel,
    ...text('phone'), ...text('email'), ...text('from'), ...text('to'), ...text('code_word'),
    days: [...new Set(form.days)].sort((a, b) => a - b),
    leave_message: form.leave_message,
    name_sender: form.name_sender,
  };
}

export interface SensitiveForm {
  violence: (typeof violences)[number];
  violence_note: string;
  health_note: string;
  legal_status: (typeof legalStatuses)[number];
  legal_note: string;
}

export function sensitiveForm(part: SensitivePart): SensitiveForm {
  return { violence: part.violence, violence_note: part.violence_note ?? '', health_note: part.health_note ?? '',
    legal_status: part.legal_status, legal_note: part.legal_note ?? '' };
}

export function sensitiveBody(form: SensitiveForm) {
  const text = (name: 'violence_note' | 'health_note' | 'legal_note') => {
    const value = form[name].trim();
    return value ? { [name]: value } : {};
  };
  return { violence: form.violence, legal_status: form.legal_status, ...text('violence_note'),
    ...text('health_note'), ...text('legal_note') };
}

// The name of a weekday (ISO number) in her language: 1 January 2024 was a Monday.
export const weekdayName = (locale: string, day: number) =>
  new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, day));

// The name of a language tag in her language, when it has one ("ar" reads "Arabic").
export function languageName(locale: string, tag: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(tag.trim());
    return name ?? '';
  } catch {
    return '';
  }
}
