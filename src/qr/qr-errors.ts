import { AppError } from '../common/errors/app-error';

/**
 * Stable machine reasons of QR_PAYLOAD_INVALID (docs/QR-FORMAT.md, "Rejections"). Scanners and the portal
 * show a message per reason, so existing values never change meaning.
 */
export type QrRejectReason =
  | 'encoding' // the digit text: a non-digit, a digit count that no chunking gives, a chunk too large
  | 'version' // unknown format version byte
  | 'truncated' // the bytes end inside a field or the signature
  | 'trailing' // bytes left after the signature
  | 'length' // a text length of 0 where a value is required, or over the limit
  | 'utf8' // a text is not valid UTF-8
  | 'nfc' // a text is not in Unicode NFC
  | 'packed' // a packed-text group is out of range
  | 'type' // unknown credential type code
  | 'date' // a date out of range, malformed, or born after issue
  | 'field' // a value breaks its field's rule (issuer code characters, control characters, key id)
  | 'noncanonical'; // the bytes decode but are not the one encoding of their fields

export function qrInvalid(reason: QrRejectReason, message: string, field?: string): AppError {
  return new AppError('QR_PAYLOAD_INVALID', message, field === undefined ? { reason } : { reason, field });
}
