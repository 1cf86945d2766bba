// A case as her team reads it: her chosen name, code, state and lead; who referred her and why;
// the moves its state allows; its team; her profile, safe-contact rules and what only her team
// reads; her assessments; her plan; its notes and documents; and its timeline. The case is read
// with its version (ETag), which every move names: when someone else changed the case in the
// meantime, the screen says so in her language and offers to read it again, instead of acting on
// what is no longer there. Each part of her profile, and her plan, has its own version and says so
// the same way.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ApiError, api, ok } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { AppointmentsPanel } from './AppointmentsPanel';
import { AssessmentsPanel } from './AssessmentsPanel';
import { DocumentsPanel } from './DocumentsPanel';
import { BreakGlass } from './BreakGlass';
import { DeadlinesPanel } from './DeadlinesPanel';
import { HerAccount } from './HerAccount';
import { Moves } from './Moves';
import { NotesPanel } from './NotesPanel';
import { PlanPanel } from './PlanPanel';
import { ProfilePanel } from './ProfilePanel';
import { ReferralFacts } from './ReferralFacts';
import { SafeContactPanel } from './SafeContactPanel';
import { SensitivePanel } from './SensitivePanel';
import { SharedTeams } from './SharedTeams';
import { actors, type CaseFile, type CaseSummary, type TimelineEvent } from './records';
import { Team } from './Team';
import { Timeline } from './Timeline';

function Stale({ onReload }: { onReload: () => void }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div class="stale" role="alert" tabIndex={-1} ref={box} aria-labelledby="stale-title">
      <h2 id="stale-title">{t('cases.stale.title')}</h2>
      <p>{t('cases.stale.text')}</p>
      <button type="button" class="button primary" onClick={onReload}>{t('cases.stale.reload')}</button>
    </div>
  );
}

export function CaseScreen({ id }: { id?: string }) {
  const { t, formatDate } = useI18n();
  const { session } = useAppState();
  const route = useRoute();
  const caseId = id ?? route?.params?.id ?? '';
  useTitle(t('cases.case_title'));
  const [file, setFile] = useState<CaseFile | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [moreEvents, setMoreEvents] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [said, setSaid] = useState('');
  const [readAt, setReadAt] = useState(0);  // each reload reads her profile's parts again
  const [missing, setMissing] = useState(false);  // answered as a missing case
  const [glassUntil, setGlassUntil] = useState(0);
  const inCase = { path: { case_id: caseId } };

  const timelinePage = (cursor?: string) => ok(api.GET('/api/v1/cases/{case_id}/timeline',
    { params: { ...inCase, query: cursor ? { cursor } : {} } })) as
    Promise<{ items: TimelineEvent[]; next_cursor: string | null }>;
  const reload = async () => {
    try {
      const [read, page] = await Promise.all([ok(api.GET('/api/v1/cases/{case_id}', { params: inCase })), timelinePage()]);
      setFile(read as CaseFile);
      setEvents(page.items);
      setMoreEvents(page.next_cursor);
      setReadAt((n) => n + 1);
      setFailed(noErrors);
      setMissing(false);
    } catch (error) {
      setFailed(errorsOf(error, t, []));
      setMissing(error instanceof ApiError && error.status === 404);
    }
  };
  useEffect(() => {
    setFile(null);
    reload();
  }, [caseId]);
  // A change of her plan is an event of the case: its timeline is read again from its start.
  const timelineAgain = () => timelinePage().then((page) => {
    setEvents(page.items);
    setMoreEvents(page.next_cursor);
  }).catch(reload);
  const showMore = () => {
    if (moreEvents) timelinePage(moreEvents).then((page) => {
      setEvents((shown) => [...shown, ...page.items]);
      setMoreEvents(page.next_cursor);
    }).catch(reload);
  };

  // Only a case worker breaks the glass, of a case of her organization (the server decides which).
  const breaksGlass = session?.user.memberships.some((m) => m.role === 'case_worker') ?? false;
  // Her team's case workers and the organization's coordinators move the case; a worker who reads
  // it through the glass does not.
  const onTeam = file?.team.some((member) => member.user_id === session?.user.id) ?? false;
  const acts = session?.user.memberships.some((m) => m.organization_id === file?.organization_id &&
    actors.includes(m.role) && (m.role === 'coordinator' || onTeam)) ?? false;
  const moved = async (record: Pick<CaseSummary, 'state'>) => {
    setSaid(t('cases.moved_to', { state: t(`cases.state.${record.state}`) }));
    await reload();
  };
  const toldStale = () => { setSaid(''); setStale(true); };
  const readAgain = async () => {
    await reload();
    setStale(false);
    setSaid(t('cases.stale.reloaded'));
  };

  return (
    <section class="case">
      <p><AppLink href="/caseload" class="back">{t('cases.back')}</AppLink></p>
      <h1>{file?.chosen_name ?? t('cases.case_title')}</h1>
      <ErrorSummary id="case-errors" errors={failed} labels={{}} />
      {missing && breaksGlass && (
        <BreakGlass caseId={caseId} onBroken={(until) => { setGlassUntil(until); reload(); }} />
      )}
      {file && glassUntil > 0 && (
        <p class="callout" role="status">{t('cases.glass.reading', { until: new Date(glassUntil) })}</p>
      )}
      {file && (
        <>
          <dl class="case__facts">
            <div><dt>{t('cases.code')}</dt><dd class="code" dir="ltr">{file.code}</dd></div>
            <div><dt>{t('cases.state_label')}</dt><dd><span class={`state state--${file.state}`}>
              {t(`cases.state.${file.state}`)}</span></dd></div>
            {file.outcome && <div><dt>{t('cases.move.outcome')}</dt><dd>{t(`cases.outcome.${file.outcome}`)}</dd></div>}
            <div><dt>{t('cases.lead')}</dt><dd>{file.lead?.display_name ?? t('cases.no_lead')}</dd></div>
            <div><dt>{t('cases.opened')}</dt><dd>{formatDate(file.opened_at)}</dd></div>
          </dl>
          <p role="status" class="confirmation">{said}</p>
          {stale && <Stale onReload={readAgain} />}
          {file.referral && (
            <section aria-labelledby="referral-title" class="panel referral">
              <h2 id="referral-title">{t('cases.referral.title')}</h2>
              <ReferralFacts referral={file.referral} />
            </section>
          )}
          {acts && !stale && <Moves file={file} onMoved={moved} onStale={toldStale} />}
          <Team file={file} changes={acts} onChanged={reload} />
          <HerAccount file={file} changes={acts && !stale} onChanged={reload} />
          {readAt > 0 && (
            <>
              <SafeContactPanel caseId={caseId} readAt={readAt} changes={acts && !stale} onStale={toldStale} />
              <ProfilePanel caseId={caseId} readAt={readAt} changes={acts && !stale} onStale={toldStale} />
              <SensitivePanel caseId={caseId} readAt={readAt} changes={acts && !stale} onStale={toldStale} />
              <AppointmentsPanel caseId={caseId} organizationId={file.organization_id} readAt={readAt} team={file.team}
                books={acts && !stale && file.state !== 'closed' && file.state !== 'referred'}
                firstVisit={file.state === 'intake'} onChanged={timelineAgain} />
              <DeadlinesPanel caseId={caseId} readAt={readAt} writes={acts && !stale && file.state !== 'closed'}
                onChanged={timelineAgain} />
              <AssessmentsPanel caseId={caseId} readAt={readAt} records={acts && file.state !== 'closed'} />
              <PlanPanel caseId={caseId} readAt={readAt} team={file.team} onStale={toldStale} onChanged={timelineAgain}
                changes={acts && !stale && file.state !== 'closed' && file.state !== 'referred'} />
              <SharedTeams caseId={caseId} organizationId={file.organization_id} readAt={readAt}
                changes={acts && !stale && file.state !== 'closed'} onChanged={timelineAgain} />
              <NotesPanel caseId={caseId} readAt={readAt} team={file.team} onChanged={timelineAgain}
                writes={acts && file.state !== 'closed'} />
              <DocumentsPanel caseId={caseId} readAt={readAt} team={file.team} onChanged={timelineAgain}
                writes={acts && file.state !== 'closed'} />
            </>
          )}
          <Timeline events={events} more={moreEvents !== null} onMore={showMore} />
        </>
      )}
    </section>
  );
}
