// Find help: the services of the territory, found by words in any language, by what she needs
// (a category, and whether it is for women only, has childcare, costs nothing), by a language
// spoken there, by what is open now, and nearest first when she lets the phone say where she is.
// Anyone may search, signed in or not. The filters are in the address.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { Icon } from '../../components/Icon/Icon';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { addressOf, categories, distanceText, features, filtersOf, languageName, languages, searchQuery,
  type Category, type Filters, type Hit } from './directory';
import { readKeeping } from './offline';

export function OpenBadge({ open }: { open: boolean }) {
  const { t } = useI18n();
  return <span class={open ? 'badge badge--open' : 'badge badge--closed'}>
    {t(open ? 'directory.open_now' : 'directory.closed_now')}</span>;
}

function HitCard({ hit, back }: { hit: Hit; back: string }) {
  const { t, locale } = useI18n();
  const titleId = `service-${hit.service_id}-${hit.location?.id ?? 'none'}`;
  return (
    <li class="service-card">
      <article aria-labelledby={titleId}>
        <h2 id={titleId} class="service-card__name">
          <AppLink href={`/find-help/services/${hit.service_id}?back=${encodeURIComponent(back)}`}>
            <bdi>{hit.name}</bdi></AppLink>
        </h2>
        <p class="service-card__facts">
          <OpenBadge open={hit.open_now} />
          <span><bdi>{hit.organization}</bdi></span>
          {hit.location && <span><bdi>{hit.location.name}</bdi></span>}
          {hit.distance_meters !== null &&
            <span>{t('directory.away', { distance: distanceText(locale, hit.distance_meters) })}</span>}
        </p>
        {hit.languages.length > 0 && (
          <p class="service-card__languages">
            {t('directory.speaks', { languages: new Intl.ListFormat(locale, { type: 'conjunction' })
              .format(hit.languages.map((code) => languageName(locale, code))) })}
          </p>
        )}
      </article>
    </li>
  );
}

export function FindHelp() {
  const { t, locale } = useI18n();
  const { query, route } = useLocation();
  useTitle(t('directory.title'));
  const filters = filtersOf(query ?? {});
  const [typed, setTyped] = useState(filters.q);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [locating, setLocating] = useState<'' | 'busy' | 'denied'>('');
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const latest = useRef(0);

  const show = (cursor?: string) => {
    const asked = ++latest.current;
    readKeeping(api.GET('/api/v1/directory/services', { params: { query: searchQuery(filters, cursor) } }))
      .then(({ data: page, savedAt: saved }) => {
      if (asked !== latest.current) return;
      setSavedAt(saved);
      setHits((shown) => cursor ? [...shown ?? [], ...page.items] : page.items);
      setMore(page.next_cursor);
      setFailed(noErrors);
    }).catch((error) => {
      if (asked === latest.current) setFailed(errorsOf(error, t, []));
    });
  };
  const key = addressOf(filters);
  const shownQ = useRef(filters.q);
  useEffect(() => {
    if (shownQ.current !== filters.q) setTyped(filters.q);
    shownQ.current = filters.q;
    show();
  }, [key]);

  const apply = (next: Partial<Filters>) => route(addressOf({ ...filters, q: typed, ...next }), true);
  const toggleFeature = (feature: Category, on: boolean) =>
    apply({ features: on ? [...filters.features, feature] : filters.features.filter((f) => f !== feature) });
  const nearMe = () => {
    if (!('geolocation' in navigator)) return setLocating('denied');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating('');
        apply({ near: { latitude: position.coords.latitude, longitude: position.coords.longitude } });
      },
      () => setLocating('denied'),
      { maximumAge: 300_000, timeout: 15_000 });
  };

  return (
    <section class="find-help">
      <h1><Icon name="help" /> {t('directory.title')}</h1>
      <p class="lead">{t('directory.lead')}</p>
      <form role="search" class="filters" noValidate onSubmit={(event) => { event.preventDefault(); apply({}); }}>
        <div class="field">
          <label for="field-q">{t('directory.search')}</label>
          <p class="hint" id="field-q-hint">{t('directory.search_hint')}</p>
          <div class="search-row">
            <input id="field-q" name="q" type="search" value={typed} aria-describedby="field-q-hint"
              autocomplete="off" maxLength={200}
              onInput={(event) => setTyped((event.target as HTMLInputElement).value)} />
            <button type="submit" class="button primary">{t('directory.search_go')}</button>
          </div>
        </div>
        <div class="field">
          <label for="field-category">{t('directory.category_filter')}</label>
          <select id="field-category" value={filters.category}
            onChange={(event) => apply({ category: (event.target as HTMLSelectElement).value as Category | '' })}>
            <option value="">{t('directory.category_any')}</option>
            {categories.map((code) => <option key={code} value={code}>{t(`directory.category.${code}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="field-language">{t('directory.language_filter')}</label>
          <select id="field-language" value={filters.language}
            onChange={(event) => apply({ language: (event.target as HTMLSelectElement).value })}>
            <option value="">{t('directory.language_any')}</option>
            {[...languages].sort((a, b) => languageName(locale, a).localeCompare(languageName(locale, b), locale))
              .map((code) => <option key={code} value={code}>{languageName(locale, code)}</option>)}
          </select>
        </div>
        <fieldset class="checks">
          <legend>{t('directory.features')}</legend>
          <div class="check">
            <input id="field-open" type="checkbox" checked={filters.openNow}
              onChange={(event) => apply({ openNow: (event.target as HTMLInputElement).checked })} />
            <label for="field-open">{t('directory.open_now_filter')}</label>
          </div>
          {features.map((feature) => (
            <div class="check" key={feature}>
              <input id={`field-feature-${feature}`} type="checkbox" checked={filters.features.includes(feature)}
                onChange={(event) => toggleFeature(feature, (event.target as HTMLInputElement).checked)} />
              <label for={`field-feature-${feature}`}>{t(`directory.category.${feature}`)}</label>
            </div>
          ))}
        </fieldset>
        <div class="near">
          {filters.near
            ? <>
                <p>{t('directory.near_you')}</p>
                <button type="button" class="button" onClick={() => apply({ near: null })}>
                  {t('directory.near_stop')}</button>
              </>
            : <button type="button" class="button" onClick={nearMe} disabled={locating === 'busy'}
                aria-busy={locating === 'busy'}><Icon name="help" /> {t('directory.near_me')}</button>}
          {locating === 'denied' && <p class="field-error" role="alert">{t('directory.near_denied')}</p>}
        </div>
      </form>
      <ErrorSummary id="find-help-errors" errors={failed} labels={{}} />
      {savedAt !== null && <p class="saved-note" role="status"><Icon name="offline" /> {t('directory.saved_on',
        { date: new Date(savedAt) })}</p>}
      <p role="status" class="count">{hits !== null && t('directory.shown', { count: hits.length })}</p>
      {hits !== null && hits.length === 0 && <p>{t('directory.none')}</p>}
      {hits !== null && hits.length > 0 && (
        <ul class="service-cards">
          {hits.map((hit) => <HitCard key={`${hit.service_id}-${hit.location?.id ?? ''}`} hit={hit} back={key} />)}
        </ul>
      )}
      {more && <button type="button" class="button" onClick={() => show(more)}>{t('directory.more')}</button>}
    </section>
  );
}
