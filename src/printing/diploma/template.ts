export type Face = 'regular' | 'bold' | 'italic';
export type Align = 'left' | 'center' | 'right';

/** Every value the renderer can print; the date is split so each part fills its own gap (PRINT-3). */
export const FIELD_KEYS = [
  'issuingAuthorityName',
  'fullName',
  'dateOfBirth',
  'placeOfBirth',
  'gender',
  'ethnicity',
  'schoolName',
  'programmeName',
  'graduationYear',
  'classification',
  'studyMode',
  'examCouncil',
  'examYear',
  'issuePlaceName',
  'issueDay',
  'issueMonth',
  'issueYear',
  'signerTitle',
  'signerName',
  'serialNumber',
  'registerEntryNumber',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/**
 * A text anchor: (xMm, yMm) is on the baseline, at the left edge, centre or right edge per `align`,
 * in mm from the page's top-left corner. Text wider than `maxWidthMm` is shrunk to fit, never
 * wrapped or cut.
 */
export interface TextBox {
  xMm: number;
  yMm: number;
  align: Align;
  maxWidthMm: number;
  face: Face;
  sizePt: number;
}

export interface FieldSpec extends TextBox {
  key: FieldKey;
  /** May be absent (null): then nothing is printed, and labels that `showIf` it are left out. */
  optional?: boolean;
  /** Already on the blank (e.g. the issuer's name): drawn in preview only, never overlaid. */
  preprinted?: boolean;
  /** Distance between lines when the value has several ('\n'). */
  lineMm?: number;
}

/** Pre-printed text, drawn in preview only. English (PRINT-2) sits below, never larger. */
export interface StaticText extends TextBox {
  kind: 'text';
  vi: string;
  en?: { text: string; sizePt: number; face: Face; dyMm: number };
  color: string;
  /** Left out when this field has no value (e.g. the classification label, PRINT-5). */
  showIf?: FieldKey;
}

export interface StaticLine {
  kind: 'line';
  x1Mm: number;
  y1Mm: number;
  x2Mm: number;
  y2Mm: number;
  widthPt: number;
  color: string;
}

export interface StaticFrame {
  kind: 'frame';
  insetMm: number;
  widthPt: number;
  color: string;
}

export type StaticElement = StaticText | StaticLine | StaticFrame;

export interface QrBox {
  xMm: number;
  yMm: number;
  /** Side of the square, quiet zone included. */
  sizeMm: number;
  quietModules: number;
}

/** One version of the layout of a credential type, effective from `validFrom` (PRINT-9). */
export interface DiplomaTemplate {
  id: string;
  credentialType: string;
  validFrom: string;
  /** Where the layout comes from, and how far to trust it. */
  source: string;
  pageMm: { width: number; height: number };
  signerTitle: string;
  fields: readonly FieldSpec[];
  statics: readonly StaticElement[];
  qr: QrBox | null;
}
