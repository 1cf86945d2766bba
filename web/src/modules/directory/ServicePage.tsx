// A service of the directory: what it does and for whom, how to call it or get there, and for
// each of its places the opening hours of the week, in her language and her clock's format, with
// whether it is open now. A shelter's place shows no address: its service says how to reach it.
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { Icon } from '../../components/Icon/Icon';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { languageName, type Place, type ServiceView } from './directory';
import { OpenBadge } from './FindHelp';
import { alwaysOpen, clockIn, clockTime, dayName, isOpenAt, validOn, week } from './hours';
import { readKeeping } from './offline';

// Today on the place's clocks, or on the reader's for a zone this browser does not know.
function todayIn(zone: string): string {
  try {
    return clockIn(zone, new Date()).date;
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

function Hours({ place }: { place: Place }) {
  const { t, locale } = useI18n();
  const hours = validOn(place.hours, todayIn(place.time_zone));
  if (hours.length === 0) return <p>{t('directory.hours_unknown')}</p>;
  if (alwaysOpen(hours)) return <p>{t('directory.always_open')}</p>;
  const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <table class="hours">
        <caption>{t('directory.hours_of', { place: place.name })}</caption>
        <tbody>
          {week(hours).map(({ day, openings }) => (
            <tr key={day}>
              <th scope="row">{dayName(locale, day)}</th>
              <td>{openings.length === 0 ? t('directory.closed_day')
                : openings.map((h) => `${clockTime(locale, h.opens)}–${clockTime(locale, h.closes)}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {place.time_zone !== readerZone && <p class="hint">{t('directory.hours_zone', { zone: place.time_zone })}</p>}
    </>
  );
}

function PlaceSection({ place }: { place: Place }) {
  const { t } = useI18n();
  const open = place.hours.length > 0 && isOpenAt(place.hours, place.time_zone, new Date());
  const address = place.address;
  return (
    <section class="place" aria-labelledby={`place-${place.location_id}`}>
      <h2 id={`place-${place.location_id}`}><bdi>{place.name}</bdi> <OpenBadge open={open} /></h2>
      {address && !place.confidential
        ? <address>
            {[address.address_1, address.address_2, [address.postal_code, address.city].filter(Boolean).join(' ')]
              .filter(Boolean).map((line) => <span key={line} class="address-line"><bdi>{line}</bdi></span>)}
          </address>
        : place.confidential && <p>{t('directory.confidential_place')}</p>}
      {place.latitude !== null && place.longitude !== null && (
        <p><a class="button" rel="noopener noreferrer" target="_blank"
          href={`https://www.openstreetmap.org/directions?to=${place.latitude}%2C${place.longitude}`}>
          {t('directory.directions')}</a></p>
      )}
      <Hours place={place} />
    </section>
  );
}

export function ServicePage() {
  const { t, locale } = useI18n();
  const route = useRoute();
  const id = route?.params?.id ?? '';
  const { query } = useLocation();
  const [service, setService] = useState<ServiceView | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  useTitle(service?.name ?? t('directory.title'));
  useEffect(() => {
    setService(null);
    if (!id) return;
    // Only the answer for the service shown now: she may have gone on to another meanwhile.
    let current = true;
    readKeeping(api.GET('/api/v1/directory/services/{service_id}', { params: { path: { service_id: id } } }))
      .then((found) => {
        if (!current) return;
        setService(found.data);
        setSavedAt(found.savedAt);
        setFailed(noErrors);
      })
      .catch((error) => { if (current) setFailed(errorsOf(error, t, [])); });
    return () => { current = false; };
  }, [id]);
  const back = query?.back?.startsWith('/find-help') ? query.back : '/find-help';
  return (
    <section class="service-page">
      <p><AppLink href={back}><Icon name="exit" /> {t('directory.back')}</AppLink></p>
      {/* Its name once read; until then (or when it cannot be read) the section's. */}
      <h1><bdi>{service?.name ?? t('directory.title')}</bdi></h1>
      <ErrorSummary id="service-errors" errors={failed} labels={{}} />
      {savedAt !== null && <p class="saved-note" role="status"><Icon name="offline" /> {t('directory.saved_on',
        { date: new Date(savedAt) })}</p>}
      {service && (
        <>
          <p class="lead"><bdi>{service.organization.name}</bdi></p>
          {service.categories.length > 0 && (
            <ul class="chips" aria-label={t('directory.categories')}>
              {service.categories.map((code) => <li key={code}>{t(`directory.category.${code}`)}</li>)}
            </ul>
          )}
          {service.description && <p dir="auto">{service.description}</p>}
          {service.languages.length > 0 && (
            <p>{t('directory.speaks', { languages: new Intl.ListFormat(locale, { type: 'conjunction' })
              .format(service.languages.map((code) => languageName(locale, code))) })}</p>
          )}
          {service.phones.filter((phone) => phone.number).map((phone) => (
            <p key={phone.number}><a class="button primary" href={`tel:${phone.number!.replace(/[^+\d]/g, '')}`}>
              {/* The number reads left to right in every language (an isolate, inside the sentence). */}
              <Icon name="phone" /> {t('directory.call', { number: `\u2066${phone.number}\u2069` })}</a></p>
          ))}
          {service.places.map((place) => <PlaceSection key={place.location_id} place={place} />)}
        </>
      )}
    </section>
  );
}
