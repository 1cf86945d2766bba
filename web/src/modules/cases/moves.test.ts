// The moves the case screen offers for each state are those the server accepts
// (modules/cases/model.cpp), and what a move sends is what the server asks of it. A referred case
// is taken on or declined by answering its referral, the only way the server lets it leave.
import { describe, expect, it } from 'vitest';
import { allowedMoves, answerOf, asksMore, moveBody, outcomes, states } from './moves';

const offered = (from: Parameters<typeof allowedMoves>[0]) => allowedMoves(from).map((move) => `${move.name}>${move.to}`);

describe('allowedMoves', () => {
  it('follows the life of a case: referred, intake, active, suspended, closed, reopened', () => {
    expect(offered('referred')).toEqual(['take_on>intake', 'decline>closed']);
    expect(offered('intake')).toEqual(['start>active']);
    expect(offered('active')).toEqual(['suspend>suspended', 'close>closed']);
    expect(offered('suspended')).toEqual(['resume>active', 'close>closed']);
    expect(offered('closed')).toEqual(['reopen>active']);
  });

  it('never offers staying where it is, nor going back to referred or intake but by taking on a referral', () => {
    for (const from of states) {
      for (const move of allowedMoves(from)) {
        expect(move.to).not.toBe(from);
        if (move.to === 'intake') expect(from).toBe('referred');
        expect(move.to).not.toBe('referred');
      }
    }
  });

  it('asks why when suspending, closing and reopening, and how it ended when closing', () => {
    const asks = states.flatMap(allowedMoves).filter((move) => move.needsReason).map((move) => move.name);
    expect([...new Set(asks)].sort()).toEqual(['close', 'decline', 'reopen', 'suspend']);
    const close = allowedMoves('active').find((move) => move.name === 'close')!;
    expect(close.outcomes).toEqual(outcomes.filter((outcome) => outcome !== 'declined'));
    expect(allowedMoves('referred').find((move) => move.name === 'decline')!.outcomes).toEqual(['declined']);
  });

  it('sends the moves that ask nothing at once, and opens a form for the others', () => {
    expect(allowedMoves('intake').map(asksMore)).toEqual([false]);
    expect(allowedMoves('suspended').map(asksMore)).toEqual([false, true]);
    expect(allowedMoves('closed').map(asksMore)).toEqual([true]);
  });
});

describe('moveBody', () => {
  const [suspend, close] = allowedMoves('active');
  const [, decline] = allowedMoves('referred');

  it('sends only the state for a move that asks nothing', () => {
    expect(moveBody(allowedMoves('intake')[0], { reason: 'ignored', outcome: 'other' })).toEqual({ to: 'active' });
  });

  it('sends the trimmed reason, and leaves an empty one out for the server to name', () => {
    expect(moveBody(suspend, { reason: '  she is travelling  ' })).toEqual({ to: 'suspended', reason: 'she is travelling' });
    expect(moveBody(suspend, { reason: '   ' })).toEqual({ to: 'suspended' });
  });

  it('sends the chosen outcome of a closing, and the fixed one of a decline', () => {
    expect(moveBody(close, { outcome: 'moved_away', reason: 'Lyon' }))
      .toEqual({ to: 'closed', outcome: 'moved_away', reason: 'Lyon' });
    expect(moveBody(close, { reason: 'Lyon' })).toEqual({ to: 'closed', reason: 'Lyon' });
    expect(moveBody(decline, { outcome: 'other', reason: 'no place' }))
      .toEqual({ to: 'closed', outcome: 'declined', reason: 'no place' });
  });
});

describe('answerOf', () => {
  const [takeOn, decline] = allowedMoves('referred');

  it('answers the referral for both moves out of referred, and for no other move', () => {
    expect(allowedMoves('referred').map((move) => move.answers)).toEqual([true, true]);
    for (const from of states.filter((state) => state !== 'referred')) {
      expect(allowedMoves(from).some((move) => move.answers)).toBe(false);
    }
  });

  it('accepts when taking her on, led by the one who answers', () => {
    expect(answerOf(takeOn, { reason: 'ignored' })).toEqual({ decision: 'accept' });
  });

  it('declines with the trimmed reason, and leaves an empty one out for the server to name', () => {
    expect(answerOf(decline, { reason: '  no place until June ' })).toEqual({ decision: 'decline', reason: 'no place until June' });
    expect(answerOf(decline, { reason: ' ' })).toEqual({ decision: 'decline' });
  });
});
