// The referral inbox of her organization: the referrals it received that wait for an answer, the
// urgent ones first, each with who referred her and why, to accept (which opens her case) or to
// decline with a reason; and, in the other tab, the referrals it sent, with their answer. The tab
// is in the address, so that Back finds it as she left it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok } from '../../api/client';
import { AppLink } from '../../components/AppLink/AppLink';
import { ErrorSummary, errorsOf, noErrors, type FormErrors } from '../../components/Form/Form';
import { Icon } from '../../components/Icon/Icon';
import { useTitle } from '../../core/title';
import { useI18n } from '../../i18n';
import { useAppState } from '../../state';
import { AnswerReferral } from './AnswerReferral';
import { ReferralFacts, Urgency } from './ReferralFacts';
import { byUrgency, type Box, type Referral } from './referrals';
import { actors } from './records';
import { isolate } from './timeline';

interface CardProps {
  referral: Referral;
  box: Box;
  onGone: (said: string) => void;  // answered, here or meanwhile elsewhere: the list is read again
}

function ReferralCard({ referral, box, onGone }: CardProps) {
  const { t } = useI18n();
  const { route } = useLocation();
  const titleId = `referral-${referral.id}`;
  const answered = (done: Referral) => {
    if (done.state === 'accepted' && done.case_id !== null) route(`/cases/${done.case_id}`);
    else onGone(t('cases.answer.declined', { name: isolate(referral.chosen_name) }));
  };
  return (
    <li class={`referral-card${referral.urgency === 'urgent' ? ' referral-card--urgent' : ''}`}>
      <article aria-labelledby={titleId}>
        <h2 id={titleId} class="referral-card__name">
          {/* Her case opens once accepted: until then only a coordinator reads it. */}
          <bdi>{referral.chosen_name}</bdi>
          {referral.urgency === 'urgent' && <> <Urgency urgency="urgent" /></>}
        </h2>
        <ReferralFacts referral={referral} sent={box === 'sent'} />
        {box === 'received' && referral.state === 'pending' &&
          <AnswerReferral referral={referral} onAnswered={answered}
            onGone={() => onGone(t('cases.answer.answered_meanwhile'))} />}
      </article>
    </li>
  );
}

export function Referrals() {
  const { t } = useI18n();
  const { session } = useAppState();
  const { query } = useLocation();
  useTitle(t('cases.referrals.title'));
  const box: Box = query?.box === 'sent' ? 'sent' : 'received';
  const organization = session?.user.memberships.find((m) => actors.includes(m.role) && m.organization_id)
    ?.organization_id ?? 0;
  const [referrals, setReferrals] = useState<Referral[] | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [failed, setFailed] = useState<FormErrors>(noErrors);
  const [said, setSaid] = useState('');
  const latest = useRef(0);

  const show = (cursor?: string) => {
    if (!organization) return;
    const asked = ++latest.current;
    ok(api.GET('/api/v1/organizations/{organization_id}/referrals', {
      params: {
        path: { organization_id: String(organization) },
        query: { box, ...(box === 'received' ? { state: 'pending' as const } : {}), ...(cursor ? { cursor } : {}) },
      },
    })).then((page) => {
      if (asked !== latest.current) return;
      setReferrals((shown) => cursor ? [...shown ?? [], ...page.items as Referral[]] : page.items as Referral[]);
      setMore(page.next_cursor);
      setFailed(noErrors);
    }).catch((error) => {
      if (asked === latest.current) setFailed(errorsOf(error, t, []));
    });
  };
  useEffect(() => {
    setReferrals(null);
    setSaid('');
    show();
  }, [box, organization]);

  const heading = <h1><Icon name="inbox" /> {t('cases.referrals.title')}</h1>;
  if (!organization) {
    return <section class="referrals">{heading}<p class="lead">{t('cases.referrals.not_answering')}</p></section>;
  }
  // A sent referral shows the newest answers last, as the server lists them (oldest first).
  const shown = referrals && (box === 'received' ? byUrgency(referrals) : referrals);
  return (
    <section class="referrals">
      {heading}
      <nav class="tabs" aria-label={t('cases.referrals.tabs')}>
        <AppLink href="/referrals" current={box === 'received'}>
          {t('cases.referrals.received')}
        </AppLink>
        <AppLink href="/referrals?box=sent" current={box === 'sent'}>
          {t('cases.referrals.sent')}
        </AppLink>
      </nav>
      <p class="lead">{t(box === 'received' ? 'cases.referrals.received_text' : 'cases.referrals.sent_text')}</p>
      <ErrorSummary id="referrals-errors" errors={failed} labels={{}} />
      <p role="status" class="confirmation">{said}</p>
      <p role="status" class="count">{shown !== null && t('cases.referrals.shown', { count: shown.length })}</p>
      {shown !== null && shown.length === 0 &&
        <p>{t(box === 'received' ? 'cases.referrals.none_received' : 'cases.referrals.none_sent')}</p>}
      {shown !== null && shown.length > 0 && (
        <ul class="referral-cards">
          {shown.map((referral) => <ReferralCard key={referral.id} referral={referral} box={box} onGone={(told) => { setSaid(told); show(); }} />)}
        </ul>
      )}
      {more && <button type="button" class="button" onClick={() => show(more)}>{t('cases.referrals.more')}</button>}
    </section>
  );
}
