// Referrals as the screens read them: who referred her (a worker of another organization on
// Ponte, or a service outside it that the organization recorded), and what an answer sends. The
// server's description leaves the referral's people and organizations open ("an object"), so
// their shape, as the server sends it, is spelt out here.
import type { operations } from '../../api/schema';
import type { Person } from './records';

type Listed = operations['listReferrals']['responses'][200]['content']['application/json']['items'][number];

export interface Organization {
  id: number;
  name: string;
}

export interface OutsideReferrer {
  name: string;
  organization: string;
  contact: string;
}

export type Referral = Omit<Listed, 'from_organization' | 'to_organization' | 'referred_by' | 'referrer' | 'answered_by'> & {
  from_organization: Organization | null;
  to_organization: Organization;
  referred_by: Person | null;
  referrer: OutsideReferrer | null;
  answered_by: Person | null;
};

export type Box = 'received' | 'sent';

// Who referred her, as one line of names: the person, then the organization she referred from,
// and, for a referrer outside Ponte, how to reach her. Empty parts are left out.
export function referrerOf(referral: Referral): { name: string; organization: string; contact: string } {
  if (referral.referrer) {
    return { name: referral.referrer.name, organization: referral.referrer.organization, contact: referral.referrer.contact };
  }
  return {
    name: referral.referred_by?.display_name ?? '',
    organization: referral.from_organization?.name ?? '',
    contact: '',
  };
}

// The urgent ones first, then the sooner; each group oldest first, as the server lists them.
const weight = { urgent: 0, soon: 1, routine: 2 } as const;
export function byUrgency(referrals: Referral[]): Referral[] {
  return referrals.map((referral, i) => ({ referral, i }))
    .sort((a, b) => weight[a.referral.urgency] - weight[b.referral.urgency] || a.i - b.i)
    .map(({ referral }) => referral);
}

export interface AnswerChoice {
  accept: boolean;
  lead?: string;    // the lead's account number as typed; empty: the one who answers leads
  reason?: string;
}

// What an answer sends, or the field that is missing or malformed (checked before sending, so
// that she is told at once; the server checks the same).
export function answerBody(choice: AnswerChoice):
  { body: { decision: 'accept' | 'decline'; lead_user_id?: number; reason?: string } } | { field: 'lead_user_id' | 'reason' } {
  const reason = (choice.reason ?? '').trim();
  if (!choice.accept) {
    if (!reason) return { field: 'reason' };
    return { body: { decision: 'decline', reason } };
  }
  const lead = (choice.lead ?? '').trim();
  if (!lead) return { body: { decision: 'accept' } };
  if (!/^[0-9]+$/.test(lead) || Number(lead) < 1) return { field: 'lead_user_id' };
  return { body: { decision: 'accept', lead_user_id: Number(lead) } };
}
