// Links inside the app: an ordinary one, and the one of the current page.
import type { Example } from '../../core/examples';
import { exampleSession } from '../../core/examples';
import { useI18n } from '../../i18n';
import { AppLink } from './AppLink';

function Links() {
  const { t } = useI18n();
  return (
    <ul class="links">
      <li><AppLink href="/">{t('nav.home')}</AppLink></li>
      <li><AppLink href="/account" current>{t('shell.navigation')}</AppLink></li>
    </ul>
  );
}

export const examples: Example[] = [
  { name: 'participant', state: { session: exampleSession(['participant']) }, draw: () => <Links /> },
  { name: 'staff', state: { session: exampleSession(['case_worker']) }, draw: () => <Links /> },
];
