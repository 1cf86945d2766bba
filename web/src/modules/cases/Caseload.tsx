// The caseload: the cases of her organization that she follows (all of them for a coordinator),
// a page at a time, searched by name or code, filtered by state and to the cases whose team she
// is on; and taking on a woman who came in without a referral, which opens her new case. The
// filters are in the address, so that Back from a case finds the list as she left it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, Field, Submit, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { Icon } from '../../components/Icon/Icon';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { domains, type Domain } from './assessments';
import { states } from './moves';
import { actors, followers, type CaseState, type CaseSummary } from './records';

const pageSize = 20;

export interface CaseloadFilters {
  q: string;
  state: CaseState | '';
  mine: boolean;
  domain: Domain | '';      // her plan has a goal in this domain
  overdue: boolean;         // her plan has an action past its day
  appointmentBefore: string;  // YYYY-MM-DD: she has an appointment from now to then
}

// The filters an address holds, and the address of some filters (the caseload's own path).
export function filtersOf(query: Record<string, string>): CaseloadFilters {
  const state = (states as string[]).includes(query.state) ? query.state as CaseState : '';
  const domain = (domains as readonly string[]).includes(query.domain) ? query.domain as Domain : '';
  const before = /^\d{4}-\d{2}-\d{2}$/.test(query.appointment_before ?? '') ? query.appointment_before : '';
  return { q: query.q ?? '', state, mine: query.mine === '1', domain, overdue: query.overdue === '1',
    appointmentBefore: before };
}

export function addressOf(filters: CaseloadFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.state) params.set('state', filters.state);
  if (filters.mine) params.set('mine', '1');
  if (filters.domain) params.set('domain', filters.domain);
  if (filters.overdue) params.set('overdue', '1');
  if (filters.appointmentBefore) params.set('appointment_before', filters.appointmentBefore);
  const query = params.toString();
  return query ? `/caseload?${query}` : '/caseload';
}

export function CaseRow({ record }: { record: CaseSummary }) {
  const { t, formatDate } = useI18n();
  return (
    <li class="case-card">
      <AppLink href={`/cases/${record.id}`} class="case-card__name">{record.chosen_name}</AppLink>
      <span class={`state state--${record.state}`}>{t(`cases.state.${record.state}`)}</span>
      <p class="case-card__facts">
        <span class="code" dir="ltr">{record.code}</span>
        <span>{t('cases.lead_is', { name: record.lead?.display_name ?? t('cases.no_lead') })}</span>
        <span>{t('cases.changed_on', { date: formatDate(record.updated_at) })}</span>
        {record.next_appointment_at !== null && (
          <span>{t('cases.next_appointment', { at: new Date(record.next_appointment_at) })}</span>
        )}
        {record.overdue_actions > 0 && (
          <span class="overdue">{t('cases.overdue_actions', { count: record.overdue_actions })}</span>
        )}
      </p>
    </li>
  );
}

function WalkIn({ organization }: { organization: number }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const labels = { chosen_name: t('cases.walk_in.name') };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setErrors({ summary: [], fields: { chosen_name: t('cases.walk_in.name_missing') } });
    setBusy(true);
    try {
      const opened = await ok(api.POST('/api/v1/organizations/{organization_id}/cases', {
        params: { path: { organization_id: String(organization) } }, body: { chosen_name: name.trim() } }));
      route(`/cases/${opened.id}`);
    } catch (error) {
      setErrors(errorsOf(error, t, ['chosen_name']));
      setBusy(false);
    }
  };
  // Folded away until she needs it: on a phone the caseload comes first.
  return (
    <details class="disclosure">
      <summary id="walk-in-title">{t('cases.walk_in.title')}</summary>
      <p>{t('cases.walk_in.text')}</p>
      <ErrorSummary id="walk-in-errors" errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate class="narrow" aria-labelledby="walk-in-title">
        <Field name="chosen_name" label={labels.chosen_name} hint={t('cases.walk_in.name_hint')} value={name}
          error={errors.fields.chosen_name} onInput={setName} autocomplete="off" />
        <Submit busy={busy}>{t('cases.walk_in.open')}</Submit>
      </form>
    </details>
  );
}

export function Caseload() {
  const { t } = useI18n();
  const { session } = useAppState();
  const { query, route } = useLocation();
  useTitle(t('cases.nav'));
  const memberships = session?.user.memberships ?? [];
  const organization = memberships.find((m) => followers.includes(m.role) && m.organization_id)?.organization_id ?? 0;
  const takesOn = memberships.some((m) => m.organization_id === organization && actors.includes(m.role));
  const filters = filtersOf(query ?? {});
  const [typed, setTyped] = useState(filters.q);
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);

  const pageOf = (cursor?: string) => ok(api.GET('/api/v1/organizations/{organization_id}/cases', {
    params: {
      path: { organization_id: String(organization) },
      query: {
        limit: pageSize,
        ...(filters.q ? { q: filters.q } : {}),
        ...(filters.state ? { state: filters.state } : {}),
        ...(filters.mine && session ? { worker_id: session.user.id } : {}),
        ...(filters.domain ? { domain: filters.domain } : {}),
        ...(filters.overdue ? { overdue_actions: true } : {}),
        ...(filters.appointmentBefore ? { appointment_before: filters.appointmentBefore } : {}),
        ...(cursor ? { cursor } : {}),
      },
    },
  })) as Promise<{ items: CaseSummary[]; next_cursor: string | null }>;
  // Only the answer to the latest request is shown: an earlier one (the list before she searched)
  // may arrive after it.
  const latest = useRef(0);
  const show = (cursor?: string) => {
    if (!organization) return;
    const asked = ++latest.current;
    pageOf(cursor).then((page) => {
      if (asked !== latest.current) return;
      setCases((shown) => cursor ? [...shown ?? [], ...page.items] : page.items);
      setMore(page.next_cursor);
      setFailed(noErrors);
    }).catch((error) => {
      if (asked === latest.current) setFailed(errorsOf(error, t, []));
    });
  };
  // The search box follows the address when the address changes (Back), not what she is typing.
  const key = addressOf(filters);
  const shownQ = useRef(filters.q);
  useEffect(() => {
    if (shownQ.current !== filters.q) setTyped(filters.q);
    shownQ.current = filters.q;
    show();
  }, [key, organization]);

  const apply = (next: Partial<CaseloadFilters>) => route(addressOf({ ...filters, q: typed, ...next }), true);

  const heading = <h1><Icon name="people" /> {t('cases.nav')}</h1>;
  // Reached by its address by someone who follows no woman (an admin, a trainer).
  if (!organization) return <section class="caseload">{heading}<p class="lead">{t('cases.not_following')}</p></section>;
  return (
    <section class="caseload">
      {heading}
      {takesOn && <WalkIn organization={organization} />}
      <h2>{t('cases.list_title')}</h2>
      <form role="search" class="filters" noValidate onSubmit={(event) => { event.preventDefault(); apply({}); }}>
        <div class="field">
          <label for="field-q">{t('cases.search')}</label>
          <p class="hint" id="field-q-hint">{t('cases.search_hint')}</p>
          <div class="search-row">
            <input id="field-q" name="q" type="search" value={typed} aria-describedby="field-q-hint" autocomplete="off"
              maxLength={100}
              onInput={(event) => setTyped((event.target as HTMLInputElement).value)} />
            <button type="submit" class="button primary">{t('cases.search_go')}</button>
          </div>
        </div>
        <div class="field">
          <label for="field-state">{t('cases.state_filter')}</label>
          <select id="field-state" value={filters.state}
            onChange={(event) => apply({ state: (event.target as HTMLSelectElement).value as CaseState | '' })}>
            <option value="">{t('cases.state_any')}</option>
            {states.map((state) => <option key={state} value={state}>{t(`cases.state.${state}`)}</option>)}
          </select>
        </div>
        <div class="check">
          <input id="field-mine" type="checkbox" checked={filters.mine}
            onChange={(event) => apply({ mine: (event.target as HTMLInputElement).checked })} />
          <label for="field-mine">{t('cases.only_mine')}</label>
        </div>
        <div class="field">
          <label for="field-domain">{t('cases.domain_filter')}</label>
          <select id="field-domain" value={filters.domain}
            onChange={(event) => apply({ domain: (event.target as HTMLSelectElement).value as Domain | '' })}>
            <option value="">{t('cases.domain_any')}</option>
            {domains.map((domain) => <option key={domain} value={domain}>{t(`progress_chart.domain.${domain}`)}</option>)}
          </select>
        </div>
        <div class="check">
          <input id="field-overdue" type="checkbox" checked={filters.overdue}
            onChange={(event) => apply({ overdue: (event.target as HTMLInputElement).checked })} />
          <label for="field-overdue">{t('cases.overdue_filter')}</label>
        </div>
        <div class="field">
          <label for="field-appointment_before">{t('cases.appointment_filter')}</label>
          <input id="field-appointment_before" type="date" value={filters.appointmentBefore}
            onChange={(event) => apply({ appointmentBefore: (event.target as HTMLInputElement).value })} />
        </div>
      </form>
      <ErrorSummary id="caseload-errors" errors={failed} labels={{}} />
      <p role="status" class="count">
        {cases !== null && t('cases.shown', { count: cases.length })}
      </p>
      {cases !== null && cases.length === 0 && <p>{t('cases.none')}</p>}
      {cases !== null && cases.length > 0 && (
        <ul class="cases">{cases.map((record) => <CaseRow key={record.id} record={record} />)}</ul>
      )}
      {more && <button type="button" class="button" onClick={() => show(more)}>{t('cases.more')}</button>}
    </section>
  );
}
