// Opening hours as a place tells them: weekly openings in the place's own time zone (the server's
// `hours`: ISO days, minutes of the day), shown in the reader's language and time format, and
// whether the place is open at an instant, read on the place's clocks.
export interface Opening {
  day: number;     // ISO: 1 Monday ... 7 Sunday
  opens: number;   // minutes of the day
  closes: number;  // 1440 is the midnight a day ends at
  valid_from: string | null;  // YYYY-MM-DD
  valid_to: string | null;
}

// The day, minute and date the clocks of `zone` show at `at`.
export function clockIn(zone: string, at: Date): { day: number; minute: number; date: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    day: days.indexOf(part('weekday')) + 1,
    minute: Number(part('hour')) * 60 + Number(part('minute')),
    date: `${part('year')}-${part('month')}-${part('day')}`,
  };
}

// True when one of `hours` is open at `at` on the clocks of `zone`; false for a zone this browser
// does not know.
export function isOpenAt(hours: Opening[], zone: string, at: Date): boolean {
  let now: ReturnType<typeof clockIn>;
  try {
    now = clockIn(zone, at);
  } catch {
    return false;
  }
  return hours.some((h) => h.day === now.day && h.opens <= now.minute && now.minute < h.closes &&
    (h.valid_from === null || h.valid_from <= now.date) && (h.valid_to === null || now.date <= h.valid_to));
}

// A Monday (ISO day 1) of the calendar, at noon UTC, from which the days of the week are named.
const aMonday = Date.UTC(2024, 0, 1, 12);

// The name of ISO day `day` in `locale` ("lunedì", "الاثنين").
export function dayName(locale: string, day: number): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
    .format(new Date(aMonday + (day - 1) * 86_400_000));
}

// `minutes` of the day as the reader's clock writes them ("14:30", "2:30 PM", "٢:٣٠ م").
export function clockTime(locale: string, minutes: number): string {
  const at = new Date(Date.UTC(2024, 0, 1, Math.floor(minutes / 60), minutes % 60));
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(at);
}

// The hours valid on `date` (YYYY-MM-DD): a schedule of other dates (the summer's) is not this week's.
export function validOn(hours: Opening[], date: string): Opening[] {
  return hours.filter((h) => (h.valid_from === null || h.valid_from <= date) && (h.valid_to === null || date <= h.valid_to));
}

// The week, Monday first, each day with its openings in order ("09:00–13:00"); an empty list
// for a day it is closed.
export function week(hours: Opening[]): { day: number; openings: Opening[] }[] {
  return [1, 2, 3, 4, 5, 6, 7].map((day) => ({
    day,
    openings: hours.filter((h) => h.day === day).sort((a, b) => a.opens - b.opens),
  }));
}

// Open all day and night, every day: said once, not as seven lines of midnight to midnight.
export function alwaysOpen(hours: Opening[]): boolean {
  return week(hours).every(({ openings }) => openings.some((h) => h.opens === 0 && h.closes >= 1440));
}
