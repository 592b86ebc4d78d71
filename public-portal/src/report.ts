// What the page says at each stage, as data (no DOM): the verdict, the signed fields and the named checks.

import { dmy, dmyTime, type Lang, msg, type MsgKey } from './i18n.js';
import type { DecodedQr, QrRejectReason } from './qr-decode.js';
import type { StatusOutcome } from './status.js';
import type { PayloadTrust, TrustListLoad } from './trust.js';

export type CheckId = 'format' | 'trustList' | 'key' | 'issuer' | 'window' | 'signature' | 'status';
export type CheckState = 'pass' | 'fail' | 'unknown';
export type Banner = 'status-valid' | 'status-warn' | 'status-bad';

export interface ReportCheck {
  id: CheckId;
  name: string;
  state: CheckState;
  /** The state in words ("Đạt" / "Pass" …), for screen readers and print. */
  outcome: string;
  reason: string;
}

export interface Report {
  verdict: string;
  banner: Banner | null;
  /** Lines under the verdict: the reason of a rejection; revocation, re-issue and correction decisions. */
  details: string[];
  /** Small print. */
  notes: string[];
  fieldsCaption: string;
  fields: { label: string; value: string }[];
  checksCaption: string;
  checks: ReportCheck[];
}

export type PageState =
  | { kind: 'empty' }
  /** Something unexpected went wrong in the page itself. */
  | { kind: 'error' }
  | { kind: 'malformed'; reason: QrRejectReason; field?: string }
  | {
      kind: 'decoded';
      qr: DecodedQr;
      /** null while loading. */
      trust: TrustListLoad | null;
      /** null until the trust list is verified and steps 3–6 have run. */
      trusted: PayloadTrust | null;
      /** null until the registry answers (asked only when the signature is valid). */
      status: StatusOutcome | null;
    };

export function buildReport(lang: Lang, state: PageState): Report {
  const m = (key: MsgKey, ...args: string[]) => msg(lang, key, ...args);
  const r: Report = {
    verdict: m('checking'),
    banner: null,
    details: [],
    notes: [],
    fieldsCaption: m('unverifiedContent'),
    fields: [],
    checksCaption: m('checks'),
    checks: [],
  };
  const check = (id: CheckId, state: CheckState, reason: string) =>
    r.checks.push({ id, name: m(`check_${id}`), state, outcome: m(state), reason });
  const verdict = (key: MsgKey, banner: Banner, ...args: string[]) => {
    r.verdict = m(key, ...args);
    r.banner = banner;
  };

  if (state.kind === 'empty') {
    verdict('noPayload', 'status-warn');
    r.notes.push(m('scanHint'));
    return r;
  }
  if (state.kind === 'error') {
    verdict('couldNotVerify', 'status-warn');
    return r;
  }
  if (state.kind === 'malformed') {
    const why = `${m(`reject_${state.reason}`)} (${state.reason}${state.field ? `: ${state.field}` : ''})`;
    verdict('invalidQr', 'status-bad');
    r.details.push(why);
    check('format', 'fail', why);
    return r;
  }

  const { qr, trust, trusted, status } = state;
  const f = qr.fields;
  const issuer = trust?.ok ? trust.list.issuers.find((i) => i.code === f.issuerOrgCode) : undefined;
  const issuerName = issuer
    ? `${lang === 'vi' ? issuer.nameVi : issuer.nameEn} (${issuer.code})`
    : f.issuerOrgCode;
  const signedOn = dmy(f.signedOn);
  if (trusted?.valid) r.fieldsCaption = m('signedContent');
  const fields: [MsgKey, string][] = [
    ['fullName', f.fullName],
    ['dateOfBirth', dmy(f.dateOfBirth)],
    ['credentialType', m(`type_${f.credentialType}`)],
    ['serialNumber', f.serialNumber ?? m('noSerial')],
    ['registerEntryNumber', f.registerEntryNumber],
    ['issuer', issuerName],
    ['issuedOn', dmy(f.issuedOn)],
    ['signedOn', signedOn],
  ];
  r.fields = fields.map(([key, value]) => ({ label: m(key), value }));
  check('format', 'pass', m('formatOk'));

  // Trust list, then steps 3–6 (key, issuer, window, signature).
  const stepIds = ['key', 'issuer', 'window', 'signature'] as const;
  if (trust === null) {
    check('trustList', 'unknown', m('pending'));
  } else if (!trust.ok) {
    const unsupported = trust.reason === 'unsupported';
    const why = trust.reason === 'unsupported' ? m('unsupported') : m(`trust_${trust.reason}`);
    check('trustList', unsupported || trust.reason === 'unavailable' ? 'unknown' : 'fail', why);
    for (const id of stepIds) check(id, 'unknown', unsupported ? why : m('notChecked'));
  } else {
    check('trustList', 'pass', m(trust.source === 'network' ? 'trust_network' : 'trust_cache'));
    if (trust.source === 'cache') r.notes.push(m('trust_savedOn', dmyTime(trust.savedAt)));
  }
  if (trust?.ok && trusted === null) {
    for (const id of stepIds) check(id, 'unknown', m('pending'));
  } else if (trusted !== null) {
    const { keyFound, issuerAllows, window: w, signature: s } = trusted;
    check('key', keyFound ? 'pass' : 'fail', m(keyFound ? 'keyFound' : 'keyUnknown', qr.keyId));
    if (trusted.issuer === null) check('issuer', 'fail', m('issuerUnknown', f.issuerOrgCode));
    else
      check(
        'issuer',
        issuerAllows ? 'pass' : 'fail',
        m(issuerAllows ? 'issuerOk' : 'notIssuersKey', issuerName),
      );
    if (w === null) check('window', 'unknown', m('noKey'));
    else if (w.ok) check('window', 'pass', m('windowOk', signedOn));
    else check('window', 'fail', m(w.reason, signedOn, dmy(w.date)));
    if (s === null) check('signature', 'unknown', m('noKey'));
    else if (s === 'unsupported') check('signature', 'unknown', m('unsupported'));
    else
      check('signature', s === 'valid' ? 'pass' : 'fail', m(s === 'valid' ? 'signatureOk' : 'signatureBad'));
  }

  // Step 7: the registry's answer, asked only for a valid signature.
  if (!trusted?.valid) {
    check('status', 'unknown', m(trusted === null ? 'notChecked' : 'notAsked'));
  } else if (status === null) {
    check('status', 'unknown', m('asking'));
  } else if (status.kind === 'noMatch') {
    check('status', 'fail', m('noMatch'));
  } else if (status.kind === 'rateLimited') {
    check('status', 'unknown', m('status_rateLimited'));
  } else if (status.kind === 'unavailable') {
    check(
      'status',
      'unknown',
      status.httpStatus === null ? m('unreachable') : m('badAnswer', `${status.httpStatus}`),
    );
  } else {
    check('status', status.kind === 'valid' ? 'pass' : 'fail', m(`status_${status.kind}`));
    const d = status.detail;
    if (d && status.kind !== 'valid') {
      r.details.push(m(d.kind === 'revocation' ? 'revocation' : 'reissue', d.decisionNo, dmy(d.decidedOn)));
      if (d.publicNote) r.details.push(m('note', d.publicNote));
    }
    for (const c of status.corrections) r.details.push(m('correction', c.decisionNo, dmy(c.decidedOn)));
    if (status.corrected && status.corrections.length === 0) r.details.push(m('corrected'));
  }

  // The verdict: the first thing that stops the verification, else the registry's answer.
  if (trust === null || (trust.ok && trusted === null)) {
    r.verdict = m('checking');
  } else if (!trust.ok || trusted === null || trusted.signature === 'unsupported') {
    verdict('couldNotVerify', 'status-warn');
  } else if (!trusted.valid) {
    verdict('invalidSignature', 'status-bad');
  } else if (status === null) {
    verdict('checkingStatus', 'status-warn');
  } else if (status.kind === 'rateLimited') {
    const s = status.retryAfterSeconds;
    if (s === null) verdict('rateLimitedLater', 'status-warn');
    else verdict('rateLimited', 'status-warn', `${s}`);
  } else if (status.kind === 'unavailable') {
    verdict('statusUnknown', 'status-warn');
  } else {
    const banners: Record<typeof status.kind, Banner> = {
      valid: 'status-valid',
      revoked: 'status-bad',
      replaced: 'status-warn',
      noMatch: 'status-bad',
    };
    verdict(status.kind, banners[status.kind]);
  }
  r.notes.push(m('privacy'));
  return r;
}
