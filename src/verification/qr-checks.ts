import { localDateTime } from '../common/calendar/working-day-calendar';
import type { SigningKeyEntity } from '../signing/entities/signing-key.entity';

/** One line of a verification answer (API.md "Public"): what was checked and how it came out. */
export interface Check {
  type: 'format' | 'key' | 'signature' | 'register' | 'status';
  status: 'pass' | 'fail';
  reason?: string;
}

/** The Vietnam calendar day of an instant, as the trust list states key windows. */
const vnDay = (d: Date): string => localDateTime(d).date;

/**
 * ARCHITECTURE §5: may this key sign for this issuer on `signedOn`? Its own key or an ancestor's key
 * covering the subtree; inside its window; and dated before any compromise (earlier signatures stay
 * valid, so a diploma signed before a key was stolen keeps verifying).
 */
export function keyCheck(
  key: SigningKeyEntity | null,
  issuerPathIds: string[],
  issuerId: string,
  signedOn: string,
): Check {
  if (!key || key.purpose !== 'issuer') return { type: 'key', status: 'fail', reason: 'unknownKey' };
  const own = key.orgId === issuerId;
  if (!own && !(key.coversSubtree && key.orgId !== null && issuerPathIds.includes(key.orgId)))
    return { type: 'key', status: 'fail', reason: 'notIssuersKey' };
  if (signedOn < vnDay(key.validFrom) || (key.retiredAt && signedOn > vnDay(key.retiredAt)))
    return { type: 'key', status: 'fail', reason: 'outsideValidity' };
  if (key.compromisedAt && signedOn >= vnDay(key.compromisedAt))
    return { type: 'key', status: 'fail', reason: 'compromised' };
  return { type: 'key', status: 'pass' };
}
