/**
 * NUM-4: renders a register entry number through the issuer's format. Tokens: `{seq}`,
 * `{seq:0000}` (zero-padded to the number of zeros), `{typeCode}`, `{yyyy}`, `{yy}`, `{orgCode}`.
 * E.g. "{seq}/{typeCode}/{yyyy}" → "171/THPT/2026".
 */
export function renderRegisterNumber(
  format: string,
  v: { seq: number; typeCode: string; year: number; orgCode: string },
): string {
  return format.replace(
    /\{(seq(?::(0+))?|typeCode|yyyy|yy|orgCode)\}/g,
    (_m, token: string, zeros?: string) => {
      if (token.startsWith('seq')) return zeros ? String(v.seq).padStart(zeros.length, '0') : String(v.seq);
      if (token === 'typeCode') return v.typeCode;
      if (token === 'yyyy') return String(v.year);
      if (token === 'yy') return String(v.year).slice(-2);
      return v.orgCode;
    },
  );
}

/** A format must number entries distinctly: it has to contain {seq}. */
export function isValidRegisterNumberFormat(format: unknown): format is string {
  return typeof format === 'string' && /\{seq(:0+)?\}/.test(format) && format.length <= 60;
}
