// The frame of every screen as each kind of visitor sees it: signed out (with the quick exit), a
// participant (her menu and the quick exit), staff (their menu, no quick exit), and a participant
// offline on a demonstration server.
import type { Example } from '../../core/examples';
import { exampleSession, signedOut } from '../../core/examples';
import { useI18n } from '../../i18n';
import { Shell } from './Shell';

function Screen() {
  const { t } = useI18n();
  return (
    <Shell>
      <h1>{t('not_found.title')}</h1>
      <p>{t('not_found.text')}</p>
    </Shell>
  );
}

export const examples: Example[] = [
  { name: 'signed-out', draw: () => <Screen /> },
  { name: 'participant', state: { session: exampleSession(['participant']) }, draw: () => <Screen /> },
  { name: 'staff', state: { session: exampleSession(['org_admin']) }, draw: () => <Screen /> },
  {
    name: 'offline-demo',
    state: { session: exampleSession(['participant']), online: false, meta: { ...signedOut.meta!, demo: true } },
    draw: () => <Screen />,
  },
];
