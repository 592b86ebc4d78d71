// Step 7 of docs/QR-FORMAT.md: the registry's answer on the credential's current status. The payload
// goes in a POST body, so the personal data in it never lands in a URL or an access log.

export interface DecisionRef {
  decisionNo: string;
  decidedOn: string;
}

export interface StatusDetail extends DecisionRef {
  kind: 'revocation' | 'reissue';
  publicNote: string | null;
}

export type StatusOutcome =
  | {
      kind: 'valid' | 'revoked' | 'replaced';
      detail: StatusDetail | null;
      corrected: boolean;
      corrections: DecisionRef[];
    }
  | { kind: 'noMatch' }
  | { kind: 'rateLimited'; retryAfterSeconds: number | null }
  /** No usable answer: the network failed, or the answer was not the expected JSON. */
  | { kind: 'unavailable'; httpStatus: number | null };

/** What the page needs of a fetch Response (a plain object in tests). */
export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function decision(v: unknown): DecisionRef | null {
  if (!isObject(v)) return null;
  const decisionNo = str(v.decisionNo);
  const decidedOn = str(v.decidedOn);
  return decisionNo !== null && decidedOn !== null ? { decisionNo, decidedOn } : null;
}

/** Retry-After: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | null, now: Date = new Date()): number | null {
  if (header === null) return null;
  const h = header.trim();
  if (/^\d+$/.test(h)) return Number(h);
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

export function interpretStatusAnswer(a: HttpAnswer, now: Date = new Date()): StatusOutcome {
  if (a.status === 429)
    return { kind: 'rateLimited', retryAfterSeconds: retryAfterSeconds(a.retryAfter, now) };
  const unavailable: StatusOutcome = { kind: 'unavailable', httpStatus: a.status };
  if (a.status !== 200) return unavailable;
  let body: unknown;
  try {
    body = JSON.parse(a.text);
  } catch {
    return unavailable;
  }
  if (!isObject(body)) return unavailable;
  if (body.result === 'noMatch') return { kind: 'noMatch' };
  if (body.result !== 'match' || !isObject(body.diploma)) return unavailable;
  const d = body.diploma;
  const kind = d.status === 'valid' || d.status === 'revoked' || d.status === 'replaced' ? d.status : null;
  if (kind === null) return unavailable;
  const sd = isObject(d.statusDetail) ? d.statusDetail : null;
  const ref = decision(sd);
  const detail: StatusDetail | null =
    sd && ref && (sd.kind === 'revocation' || sd.kind === 'reissue')
      ? { kind: sd.kind, ...ref, publicNote: str(sd.publicNote) }
      : null;
  const corrections = (Array.isArray(d.corrections) ? d.corrections : [])
    .map(decision)
    .filter((c): c is DecisionRef => c !== null);
  return { kind, detail, corrected: d.hasCorrections === true || corrections.length > 0, corrections };
}

/** POSTs `{"payload": digits}`; `post` rejects on a network error. */
export async function fetchStatus(
  digits: string,
  post: (body: string) => Promise<HttpAnswer>,
  now: () => Date = () => new Date(),
): Promise<StatusOutcome> {
  let answer: HttpAnswer;
  try {
    answer = await post(JSON.stringify({ payload: digits }));
  } catch {
    return { kind: 'unavailable', httpStatus: null };
  }
  return interpretStatusAnswer(answer, now());
}
