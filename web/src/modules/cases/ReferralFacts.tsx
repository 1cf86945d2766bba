// What a referral says about her: who referred her and from where, how urgent it is (an urgent
// one says so in words and with a sign, not by its colour alone), why, and how and when she
// agreed to be referred; and, once answered (or for a referral she sent), its answer. The inbox's
// cards and the case screen's panel show it alike.
import { useI18n } from '../../i18n';
import { referrerOf, type Referral } from './referrals';

export function Urgency({ urgency }: { urgency: Referral['urgency'] }) {
  const { t } = useI18n();
  return (
    <span class={`urgency urgency--${urgency}`}>
      {urgency === 'urgent' && <span aria-hidden="true">! </span>}
      {t(`cases.urgency.${urgency}`)}
    </span>
  );
}

export function ReferralFacts({ referral, sent = false }: { referral: Referral; sent?: boolean }) {
  const { t, formatDate } = useI18n();
  const by = referrerOf(referral);
  return (
    <dl class={sent ? 'referral__facts referral__facts--sent' : 'referral__facts'}>
      {sent ? (
        <div><dt>{t('cases.referral.to')}</dt><dd>{referral.to_organization.name}</dd></div>
      ) : (
        <div>
          <dt>{t('cases.referral.by')}</dt>
          <dd>
            {/* Each isolated in its own direction, aligned where the page's text starts. */}
            <span class="referral__who"><bdi>{by.name || t('cases.timeline.someone')}</bdi></span>
            {by.organization && <span class="referral__org"><bdi>{by.organization}</bdi></span>}
            {by.contact && <span class="referral__contact"><bdi dir="ltr">{by.contact}</bdi></span>}
          </dd>
        </div>
      )}
      <div><dt>{t('cases.referral.urgency')}</dt><dd><Urgency urgency={referral.urgency} /></dd></div>
      <div class="referral__reason"><dt>{t('cases.referral.reason')}</dt><dd><bdi>{referral.reason}</bdi></dd></div>
      <div>
        <dt>{t('cases.referral.consent')}</dt>
        <dd>{t('cases.referral.consent_given', {
          method: t(`cases.consent.${referral.consent_method}`), date: formatDate(referral.consent_at) })}</dd>
      </div>
      <div><dt>{t('cases.referral.received')}</dt><dd>{formatDate(referral.created_at)}</dd></div>
      {(sent || referral.state !== 'pending') && (
        <div>
          <dt>{t('cases.referral.answer')}</dt>
          <dd>
            <span class={`answer-state answer-state--${referral.state}`}>{t(`cases.referral.state.${referral.state}`)}</span>
            {referral.answered_at !== null && <> {formatDate(referral.answered_at)}</>}
            {referral.answer && <><br /><q><bdi>{referral.answer}</bdi></q></>}
          </dd>
        </div>
      )}
    </dl>
  );
}
