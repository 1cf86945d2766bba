// What the directory's screens share: the categories and features of Ponte's taxonomy (their codes
// are the search's), the languages a search may ask for, and the search's filters in the address,
// so that Back from a service finds the list as she left it.
import type { operations } from '../../api/schema';

type SearchAnswer = operations['searchDirectory']['responses'][200]['content']['application/json'];
export type Hit = SearchAnswer['items'][number];
export type ServiceView = operations['getDirectoryService']['responses'][200]['content']['application/json'];
export type Place = ServiceView['places'][number];

export const categories = ['language-courses', 'cultural-mediation', 'legal-documents', 'health', 'anti-violence',
  'housing', 'employment-training', 'childcare-schools', 'money-benefits', 'digital-help',
  'community-culture'] as const;
export const features = ['women-only', 'childcare', 'free'] as const;
export type Category = typeof categories[number] | typeof features[number];

// The languages most spoken by the women the programmes serve, and the launch languages.
export const languages = ['ar', 'bn', 'ca', 'en', 'es', 'fa', 'fr', 'it', 'ps', 'ro', 'ru', 'so', 'sq', 'ti', 'uk',
  'ur', 'wo', 'zh'] as const;

export interface Filters {
  q: string;
  category: Category | '';
  features: Category[];
  language: string;
  openNow: boolean;
  near: { latitude: number; longitude: number } | null;
}

const point = /^(-?\d{1,2}(?:\.\d{1,6})?),(-?\d{1,3}(?:\.\d{1,6})?)$/;

export function filtersOf(query: Record<string, string>): Filters {
  const near = point.exec(query.near ?? '');
  return {
    q: query.q ?? '',
    category: (categories as readonly string[]).includes(query.category) ? query.category as Category : '',
    features: [...new Set((query.features ?? '').split(','))]
      .filter((f): f is Category => (features as readonly string[]).includes(f)),
    language: (languages as readonly string[]).includes(query.language) ? query.language : '',
    openNow: query.open === '1',
    near: near ? { latitude: Number(near[1]), longitude: Number(near[2]) } : null,
  };
}

export function addressOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.category) params.set('category', filters.category);
  if (filters.features.length) params.set('features', filters.features.join(','));
  if (filters.language) params.set('language', filters.language);
  if (filters.openNow) params.set('open', '1');
  if (filters.near) params.set('near', `${filters.near.latitude.toFixed(5)},${filters.near.longitude.toFixed(5)}`);
  const query = params.toString();
  return query ? `/find-help?${query}` : '/find-help';
}

// The search's query for the API.
export function searchQuery(filters: Filters, cursor?: string) {
  const categoryList = [filters.category, ...filters.features].filter((code): code is Category => code !== '');
  return {
    limit: 20,
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(categoryList.length ? { category: categoryList } : {}),
    ...(filters.language ? { language: filters.language } : {}),
    ...(filters.openNow ? { open_now: true } : {}),
    ...(filters.near ? { near: `${filters.near.latitude.toFixed(5)},${filters.near.longitude.toFixed(5)}`,
      within_km: 25 } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

// A language's name in the reader's language ("arabe", "العربية").
export function languageName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// A distance as the reader writes it: metres under a kilometre, else kilometres.
export function distanceText(locale: string, meters: number): string {
  if (meters < 1000) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 })
      .format(Math.round(meters / 10) * 10);
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 })
    .format(meters / 1000);
}
