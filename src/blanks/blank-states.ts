import { AppError } from '../common/errors/app-error';

/** BLANK-4: the states of a blank form. */
export const BLANK_STATES = [
  'inStock',
  'allocated',
  'printed',
  'issued',
  'spoiled',
  'destroyed',
  'lost',
] as const;
export type BlankState = (typeof BLANK_STATES)[number];

/** Usable stock: blanks an office can still hand on or print on. */
export const USABLE_STATES: readonly BlankState[] = ['inStock', 'allocated'];

/** BLANK-6/7/8, glossary SpoilReason: why a blank was spoiled. */
export const SPOIL_REASONS = [
  'misprinted',
  'miswritten',
  'damaged',
  'poorQuality',
  'obsoleteTemplate',
  'spoiledAfterSigning',
  'returnedAfterRevocation',
  'returnedAfterReissue',
] as const;
export type SpoilReason = (typeof SPOIL_REASONS)[number];

export type BlankEvent = 'allocate' | 'return' | 'use' | 'issue' | 'spoil' | 'destroy' | 'lose';

/** BLANK-4 transition table: event → states it may start from → resulting state. */
const TRANSITIONS: Record<BlankEvent, { from: readonly BlankState[]; to: BlankState }> = {
  allocate: { from: ['inStock', 'allocated'], to: 'allocated' }, // handed down the tree
  return: { from: ['inStock', 'allocated'], to: 'inStock' }, // handed back up: reverses an allocation
  use: { from: ['inStock', 'allocated'], to: 'printed' }, // taken by a register entry (BLANK-9)
  issue: { from: ['printed'], to: 'issued' }, // the entry is signed and sealed
  spoil: { from: ['inStock', 'allocated', 'printed', 'issued', 'spoiled'], to: 'spoiled' },
  destroy: { from: ['spoiled'], to: 'destroyed' }, // BLANK-7: only through a destruction record
  lose: { from: ['inStock', 'allocated', 'printed'], to: 'lost' }, // BLANK-8
};

/** States an event may start from. */
export function allowedFrom(event: BlankEvent): readonly BlankState[] {
  return TRANSITIONS[event].from;
}

export function canTransition(event: BlankEvent, from: BlankState): boolean {
  return TRANSITIONS[event].from.includes(from);
}

export function targetState(event: BlankEvent): BlankState {
  return TRANSITIONS[event].to;
}

/** Throws BLANK_STATE_INVALID naming every serial whose state does not allow the event. */
export function assertTransitions(
  event: BlankEvent,
  blanks: { serialNumber: string; state: BlankState }[],
): void {
  const bad = blanks.filter((b) => !canTransition(event, b.state));
  if (!bad.length) return;
  const code = event === 'destroy' ? 'BLANK_NOT_SPOILED' : 'BLANK_STATE_INVALID';
  throw new AppError(
    code,
    `${bad.length} blank(s) cannot be ${event === 'destroy' ? 'destroyed: only spoiled blanks can' : `${event}d from their state`}`,
    {
      event,
      allowedFrom: TRANSITIONS[event].from,
      serials: bad.slice(0, 1000).map((b) => ({ serialNumber: b.serialNumber, state: b.state })),
      count: bad.length,
    },
  );
}
