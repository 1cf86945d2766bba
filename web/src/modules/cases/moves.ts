// The life of a case as the screens show it: which moves each state allows, and what each move
// asks of the worker (a reason, an outcome). The server decides (modules/cases/model.cpp); this
// mirrors its rules so that the case screen offers only the moves it would accept. A referred case
// leaves its state only by the answer to its referral (POST /referrals/{id}/answer), which the
// referrer reads: the server refuses a move out of "referred" (422, to: transition).
import type { CaseState } from './records';

export const states: CaseState[] = ['referred', 'intake', 'active', 'suspended', 'closed'];

// How a case ended. "declined" is only for a referral the organization does not take on.
export const outcomes = ['autonomy_reached', 'referred_elsewhere', 'moved_away', 'withdrew', 'declined', 'other'] as const;
export type Outcome = (typeof outcomes)[number];

// A move offered on the case screen: its name (for its button and form), the state it leads to,
// whether it asks why, and the outcomes she may choose from when it closes the case.
export interface MoveOption {
  name: 'take_on' | 'decline' | 'start' | 'suspend' | 'resume' | 'close' | 'reopen';
  to: CaseState;
  needsReason: boolean;
  outcomes: Outcome[];  // empty unless it closes; one fixed outcome when declining
  answers: boolean;     // made by answering the case's referral, not by a move
}

const closing: Outcome[] = outcomes.filter((outcome) => outcome !== 'declined');

export function allowedMoves(from: CaseState): MoveOption[] {
  switch (from) {
    case 'referred':
      return [
        { name: 'take_on', to: 'intake', needsReason: false, outcomes: [], answers: true },
        { name: 'decline', to: 'closed', needsReason: true, outcomes: ['declined'], answers: true },
      ];
    case 'intake':
      return [{ name: 'start', to: 'active', needsReason: false, outcomes: [], answers: false }];
    case 'active':
      return [
        { name: 'suspend', to: 'suspended', needsReason: true, outcomes: [], answers: false },
        { name: 'close', to: 'closed', needsReason: true, outcomes: closing, answers: false },
      ];
    case 'suspended':
      return [
        { name: 'resume', to: 'active', needsReason: false, outcomes: [], answers: false },
        { name: 'close', to: 'closed', needsReason: true, outcomes: closing, answers: false },
      ];
    case 'closed':
      return [{ name: 'reopen', to: 'active', needsReason: true, outcomes: [], answers: false }];
  }
}

// A move that needs nothing more than a click is sent at once; the others open a short form.
export const asksMore = (move: MoveOption) => move.needsReason || move.outcomes.length > 1;

// What the server is sent for a move: the fixed outcome of a decline, the chosen one of a
// closing, and the reason when the move asks for one (trimmed; empty is left out, for the server
// to name the missing field).
export function moveBody(move: MoveOption, chosen: { outcome?: string; reason?: string }) {
  const outcome = move.outcomes.length === 1 ? move.outcomes[0] : chosen.outcome ?? '';
  const reason = (chosen.reason ?? '').trim();
  return {
    to: move.to,
    ...(move.outcomes.length > 0 && outcome ? { outcome } : {}),
    ...(move.needsReason && reason ? { reason } : {}),
  };
}

// What the answer to her referral is sent for taking her on (led by the one who answers) or
// declining (with the trimmed reason the referrer reads; empty is left out, for the server to name).
export function answerOf(move: MoveOption, chosen: { reason?: string }) {
  if (move.to !== 'closed') return { decision: 'accept' as const };
  const reason = (chosen.reason ?? '').trim();
  return { decision: 'decline' as const, ...(reason ? { reason } : {}) };
}
