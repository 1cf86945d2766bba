// Tells her, after she signs in, each new access code that staff gave for her account in the last
// month: who, when and why. If she did not ask for it, someone else may have used it to become
// her; she can then tell her organization. Hiding it is remembered on this device only.
import { useState } from 'preact/hooks';
import type { AccessReset } from '../../api/client';
import { useI18n } from '../../i18n';

const seen = 'ponte-access-resets-seen';

export function AccessResets({ resets }: { resets: AccessReset[] }) {
  const { t } = useI18n();
  const [hiddenUpTo, setHiddenUpTo] = useState(() => Number(localStorage.getItem(seen) ?? 0));
  const shown = resets.filter((reset) => reset.at > hiddenUpTo);
  if (shown.length === 0) return null;
  const hide = () => {
    const newest = Math.max(...shown.map((reset) => reset.at));
    localStorage.setItem(seen, String(newest));
    setHiddenUpTo(newest);
  };
  return (
    <section class="callout access-resets" aria-labelledby="access-resets-title">
      <h2 id="access-resets-title">{t('access_resets.title')}</h2>
      <ul>
        {shown.map((reset) => (
          <li key={reset.at}>
            {t('access_resets.item', { name: reset.by || t('access_resets.someone'), date: new Date(reset.at) })}{' '}
            <q dir="auto">{reset.reason}</q>
          </li>
        ))}
      </ul>
      <p>{t('access_resets.advice')}</p>
      <button type="button" class="button" onClick={hide}>{t('access_resets.hide')}</button>
    </section>
  );
}
