import { AccessResets } from '../../components/AccessResets/AccessResets';
import { AppLink } from '../../components/AppLink/AppLink';
import { useNavigation } from '../../core/navigation';
import { Icon } from '../../components/Icon/Icon';
import { useI18n } from '../../i18n';
import { isStaff, useAppState } from '../../state';
import { useTitle } from '../../core/title';

// The first screen after signing in: for a participant her plan, courses, appointments and where
// to find help; for staff their caseload and tasks. Large cards with icons, plain words.
export function Home() {
  const { t } = useI18n();
  const { session } = useAppState();
  useTitle(t('home.title'));
  // Her account is in the menu; the cards are for what she came to do.
  const cards = useNavigation().filter((item) => item.href !== '/' && item.href !== '/account');
  const staff = isStaff(session);
  return (
    <section>
      <h1>{t('home.greeting', { name: session?.user.display_name ?? '' })}</h1>
      <p class="lead">{t(staff ? 'home.staff_lead' : 'home.participant_lead')}</p>
      <p>{t('home.today', { today: new Date() })}</p>
      <AccessResets resets={session?.access_resets ?? []} />
      <ul class="cards">
        {cards.map((card) => (
          <li key={card.href}>
            <AppLink href={card.href} class="card"><Icon name={card.icon} /><span>{card.label}</span></AppLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

// A section whose module has nothing to show yet: says so plainly, with the way back.
export function EmptySection({ section }: { section: string }) {
  const { t } = useI18n();
  useTitle(t(`home.nav.${section}`));
  return (
    <section>
      <h1>{t(`home.nav.${section}`)}</h1>
      <p class="lead">{t(`home.empty.${section}`)}</p>
      <AppLink href="/" class="button"><Icon name="home" /> {t('nav.home')}</AppLink>
    </section>
  );
}
