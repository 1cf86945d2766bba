import { AppLink } from '../components/AppLink/AppLink';
import { useI18n } from '../i18n';
import { useTitle } from './title';

export function NotFound() {
  const { t } = useI18n();
  useTitle(t('not_found.title'));
  return (
    <section>
      <h1>{t('not_found.title')}</h1>
      <p>{t('not_found.text')}</p>
      <AppLink href="/" class="button">{t('nav.home')}</AppLink>
    </section>
  );
}

export function ErrorScreen({ message }: { message: string }) {
  const { t } = useI18n();
  useTitle(t('error.title'));
  return (
    <section>
      <h1>{t('error.title')}</h1>
      <p>{message}</p>
      <a href="/" class="button">{t('error.reload')}</a>
    </section>
  );
}
