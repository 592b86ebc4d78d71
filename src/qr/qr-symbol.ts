import { create as createQr } from 'qrcode';

// The printed QR: `${base}/v#<digits>`. The URL prefix goes in a byte-mode segment (URLs are lower case,
// which alphanumeric mode lacks) and the payload digits in a numeric-mode segment, at level M.

export interface QrSymbol {
  version: number;
  /** Modules per side, without the quiet zone (leave 4 modules light around it when printing). */
  size: number;
  /** x = column, y = row, both from the top-left corner. */
  isDark(x: number, y: number): boolean;
}

// Printable ASCII without '#': the fragment must start at our '#'.
const BASE_URL_RE = /^https?:\/\/[!-"$-~]+$/;

function urlPrefix(publicBaseUrl: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  if (!BASE_URL_RE.test(base)) throw new RangeError(`not a usable public base URL: ${publicBaseUrl}`);
  return `${base}/v#`;
}

// The numeric segment takes digits only; anything else is a caller's bug, not a payload to print.
function assertDigits(payloadText: string): void {
  if (!/^[0-9]+$/.test(payloadText)) throw new RangeError('QR payload text must be decimal digits');
}

/** What a phone camera opens: the portal's verification page with the payload in the fragment. */
export function qrUrl(publicBaseUrl: string, payloadText: string): string {
  assertDigits(payloadText);
  return urlPrefix(publicBaseUrl) + payloadText;
}

export function qrSymbol(publicBaseUrl: string, payloadText: string): QrSymbol {
  assertDigits(payloadText);
  const qr = createQr(
    [
      { mode: 'byte', data: Buffer.from(urlPrefix(publicBaseUrl), 'latin1') },
      { mode: 'numeric', data: payloadText },
    ],
    { errorCorrectionLevel: 'M' },
  );
  const size = qr.modules.size;
  const data = qr.modules.data;
  const inside = (i: number) => Number.isInteger(i) && i >= 0 && i < size;
  return { version: qr.version, size, isDark: (x, y) => inside(x) && inside(y) && data[y * size + x] === 1 };
}
