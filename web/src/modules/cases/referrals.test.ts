// Who referred her reads from either kind of referrer; the inbox puts the urgent ones first; an
// answer sends what the server asks, and is refused before sending when it lacks what it needs.
import { describe, expect, it } from 'vitest';
import { answerBody, byUrgency, referrerOf, type Referral } from './referrals';

const referral = (over: Partial<Referral>): Referral => ({
  id: 1, case_id: 3, from_organization: { id: 2, name: 'Caritas Prato' }, to_organization: { id: 1, name: 'Empoli' },
  referred_by: { user_id: 9, display_name: 'Marta' }, referrer: null, chosen_name: 'Amina', reason: 'work',
  urgency: 'routine', consent_method: 'verbal', consent_at: 0, state: 'pending', answered_by: null, answered_at: null,
  answer: null, created_at: 0, ...over,
});

describe('referrerOf', () => {
  it('names the worker and organization of a referral sent on Ponte', () => {
    expect(referrerOf(referral({}))).toEqual({ name: 'Marta', organization: 'Caritas Prato', contact: '' });
  });

  it('names the outside referrer, her service and how to reach her, for a referral recorded for her', () => {
    const outside = referral({ referrer: { name: 'Giulia', organization: 'Health centre', contact: '+39 0571' } });
    expect(referrerOf(outside)).toEqual({ name: 'Giulia', organization: 'Health centre', contact: '+39 0571' });
  });

  it('leaves out what a referral does not tell', () => {
    expect(referrerOf(referral({ referred_by: null, from_organization: null })))
      .toEqual({ name: '', organization: '', contact: '' });
  });
});

describe('byUrgency', () => {
  it('puts the urgent first, then the soon, keeping the oldest first in each', () => {
    const listed = [
      referral({ id: 1, urgency: 'routine' }), referral({ id: 2, urgency: 'urgent' }), referral({ id: 3, urgency: 'soon' }),
      referral({ id: 4, urgency: 'urgent' }), referral({ id: 5, urgency: 'routine' }),
    ];
    expect(byUrgency(listed).map((r) => r.id)).toEqual([2, 4, 3, 1, 5]);
    expect(listed.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('answerBody', () => {
  it('accepts, led by the one who answers unless she names another by her account number', () => {
    expect(answerBody({ accept: true })).toEqual({ body: { decision: 'accept' } });
    expect(answerBody({ accept: true, lead: '  ' })).toEqual({ body: { decision: 'accept' } });
    expect(answerBody({ accept: true, lead: ' 12 ' })).toEqual({ body: { decision: 'accept', lead_user_id: 12 } });
  });

  it('refuses a lead that is not an account number', () => {
    expect(answerBody({ accept: true, lead: 'Marta' })).toEqual({ field: 'lead_user_id' });
    expect(answerBody({ accept: true, lead: '0' })).toEqual({ field: 'lead_user_id' });
    expect(answerBody({ accept: true, lead: '-3' })).toEqual({ field: 'lead_user_id' });
  });

  it('declines with the trimmed reason, and asks for one when there is none', () => {
    expect(answerBody({ accept: false, reason: '  no place until June ' }))
      .toEqual({ body: { decision: 'decline', reason: 'no place until June' } });
    expect(answerBody({ accept: false, reason: '   ' })).toEqual({ field: 'reason' });
    expect(answerBody({ accept: false, lead: '12' })).toEqual({ field: 'reason' });
  });
});
