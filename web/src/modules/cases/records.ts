// The records of the cases module as the screens read them, from the server's own description
// (src/api/schema.d.ts). The description leaves the inside of a case's lead and of a timeline
// event open ("an object"), so their shape, as the server sends it, is spelt out here.
import type { operations } from '../../api/schema';
import type { Referral } from './referrals';

type Ok<O extends keyof operations, S extends number> =
  operations[O]['responses'] extends Record<S, { content: { 'application/json': infer J } }> ? J : never;

export interface Person {
  user_id: number;
  display_name: string;
}

type Led<T> = Omit<T, 'lead'> & { lead: Person | null };

export type CaseSummary = Led<Ok<'listCases', 200>['items'][number]>;
export type CaseState = CaseSummary['state'];
// The referral that brought her (null for a woman who came in): who referred her, and why.
export type CaseFile = Led<Omit<Ok<'getCase', 200>, 'referral'>> & { referral: Referral | null };
export type TeamMember = CaseFile['team'][number];

// What happened on a case: opened, moved (from, to, outcome, reason), team_changed (user_id, with
// name and role when she was put on the team, without when she was taken off).
export interface TimelineEvent {
  id: number;
  kind: string;
  by: Person | null;
  at: number;
  detail: {
    from?: CaseState;
    to?: CaseState;
    outcome?: string;
    reason?: string;
    user_id?: number;
    name?: string;
    role?: 'lead' | 'member';
    expires_at?: number;  // a broken glass's end
    title?: string;       // the action she asks help with
    message?: string;     // her words
  };
}

// The roles that follow women: they read the caseload (a mentor, the cases whose team she is on).
export const followers = ['case_worker', 'mentor', 'coordinator'];
// The roles that also take women on, move cases and change their teams.
export const actors = ['case_worker', 'coordinator'];
