// The menu of the signed-in person: the modules' entries meant for her, labels translated.
import { useI18n } from '../i18n';
import { fullySignedIn, useAppState } from '../state';

export interface NavItem {
  href: string;
  icon: string;
  label: string;
}

export function useNavigation(): NavItem[] {
  const { t } = useI18n();
  const { session, nav } = useAppState();
  if (!fullySignedIn(session)) return [];
  return nav.filter((entry) => entry.shows(session!)).map(({ href, icon, label }) => ({ href, icon, label: t(label) }));
}
