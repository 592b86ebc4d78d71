/**
 * PUB-4 input rules, shared by the DTOs (class-validator) and the lookup's fast path, which must
 * accept nothing the DTOs would refuse.
 */
export const SERIAL_PATTERN = /^[\p{L}\p{N} ./-]{1,40}$/u;
export const SERIAL_MESSAGE = 'a serial number is 1 to 40 letters, digits, spaces, ".", "/" or "-"';
export const NAME_MAX_LENGTH = 127;
export const NAME_PATTERN = /^[^\p{Cc}]*\p{L}[^\p{Cc}]*$/u;
export const NAME_MESSAGE = 'a full name has letters and no control characters';
