/** PDF points per millimetre (1 pt = 1/72 in). */
export const PT_PER_MM = 72 / 25.4;

export const mm = (v: number): number => v * PT_PER_MM;

/**
 * A printer's deviation, measured by the office with the calibration page (PRINT-6): every point of
 * the template at (x, y) mm is printed at (offsetXmm + scale·x, offsetYmm + scale·y) mm from the
 * sheet's top-left corner, so moving an offset by 2 mm moves every field by exactly 2 mm.
 */
export interface Calibration {
  offsetXmm: number;
  offsetYmm: number;
  scale: number;
}

export const NO_CALIBRATION: Calibration = Object.freeze({ offsetXmm: 0, offsetYmm: 0, scale: 1 });

export function assertCalibration(c: Calibration): void {
  const ok =
    Number.isFinite(c.offsetXmm) &&
    Number.isFinite(c.offsetYmm) &&
    Math.abs(c.offsetXmm) <= 50 &&
    Math.abs(c.offsetYmm) <= 50 &&
    Number.isFinite(c.scale) &&
    c.scale >= 0.8 &&
    c.scale <= 1.2;
  // A mistyped profile would waste a whole batch of controlled blanks.
  if (!ok) throw new RangeError(`calibration out of range: ${JSON.stringify(c)}`);
}
