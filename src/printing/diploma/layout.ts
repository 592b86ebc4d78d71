import type { DiplomaTemplate, Face, FieldKey, FieldSpec, StaticElement, StaticText } from './template';

/**
 * The common layout of the national diploma blanks, on A4 landscape. Positions are ours, not taken
 * from a published drawing of the blank (none is at hand): an office first checks them with the
 * calibration page, and a template version with measured positions replaces these when known.
 */
export const A4_LANDSCAPE = { width: 297, height: 210 } as const;

const INK = '#1d1d1f';
const RED = '#a3161b';

export interface Cell {
  key: FieldKey;
  vi: string;
  en: string;
  optional?: boolean;
  face?: Face;
  sizePt?: number;
}

/** A body row: one field over the full width, or two side by side. */
export type Row = [Cell] | [Cell, Cell];

export interface LayoutSpec {
  id: string;
  credentialType: string;
  validFrom: string;
  source: string;
  /** The title, one entry per line, largest first; English below, smaller (PRINT-2). */
  title: { text: string; sizePt: number }[];
  titleEn: string;
  signerTitle: string;
  rows: Row[];
}

const LABEL_PT = 12;
const VALUE_PT = 13;
const EN = (text: string, sizePt = 7.5, face: Face = 'italic'): StaticText['en'] => ({
  text,
  sizePt,
  face,
  dyMm: 4.2,
});
const COL = { leftLabel: 28, leftValue: 75, rightLabel: 158, rightValue: 204, end: 272 };
const FIRST_ROW_MM = 78;
const ROW_MM = 11;
const LABEL_GAP_MM = 2;

function label(vi: string, en: StaticText['en'], xMm: number, yMm: number, extra: Partial<StaticText> = {}) {
  const t: StaticText = {
    kind: 'text',
    vi,
    en,
    xMm,
    yMm,
    align: 'left',
    maxWidthMm: 60,
    face: 'regular',
    sizePt: LABEL_PT,
    color: INK,
  };
  return { ...t, ...extra };
}

function centred(vi: string, xMm: number, yMm: number, face: Face, sizePt: number, en?: StaticText['en']) {
  return {
    kind: 'text',
    vi,
    en,
    xMm,
    yMm,
    align: 'center',
    maxWidthMm: 120,
    face,
    sizePt,
    color: INK,
  } as const;
}

export function diplomaLayout(spec: LayoutSpec): DiplomaTemplate {
  const statics: StaticElement[] = [
    { kind: 'frame', insetMm: 7, widthPt: 2.2, color: RED },
    { kind: 'frame', insetMm: 9.5, widthPt: 0.6, color: RED },
    // National header and motto (quốc hiệu, tiêu ngữ), top right, each with its English below.
    centred(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      212,
      21,
      'bold',
      11.5,
      EN('SOCIALIST REPUBLIC OF VIET NAM', 8, 'regular'),
    ),
    centred(
      'Độc lập - Tự do - Hạnh phúc',
      212,
      30.5,
      'bold',
      12.5,
      EN('Independence - Freedom - Happiness', 8),
    ),
    { kind: 'line', x1Mm: 184, y1Mm: 37, x2Mm: 240, y2Mm: 37, widthPt: 0.7, color: INK },
    { kind: 'line', x1Mm: 60, y1Mm: 33, x2Mm: 88, y2Mm: 33, widthPt: 0.7, color: INK },
  ];
  let y = spec.title.length > 1 ? 52 : 56;
  spec.title.forEach((line, i) => {
    const last = i === spec.title.length - 1;
    const en = last ? { text: spec.titleEn, sizePt: 11, face: 'bold' as const, dyMm: 7 } : undefined;
    statics.push({ ...centred(line.text, 148.5, y, 'bold', line.sizePt, en), maxWidthMm: 255, color: RED });
    y += line.sizePt * 0.3 + 2.5;
  });

  const fields: FieldSpec[] = [
    // Issuer, top left: on the blank already; one line per '\n' (superior body first).
    {
      key: 'issuingAuthorityName',
      xMm: 74,
      yMm: 22,
      align: 'center',
      maxWidthMm: 100,
      face: 'bold',
      sizePt: 11.5,
      lineMm: 5.5,
      optional: true,
      preprinted: true,
    },
  ];

  spec.rows.forEach((row, i) => {
    const rowY = FIRST_ROW_MM + i * ROW_MM;
    row.forEach((cell, j) => {
      const right = j === 1;
      const labelX = right ? COL.rightLabel : COL.leftLabel;
      const valueX = right ? COL.rightValue : COL.leftValue;
      const valueEnd = row.length === 2 && !right ? COL.rightLabel - 4 : COL.end;
      // A label wider than its gap shrinks rather than running under its value.
      const fit = { maxWidthMm: valueX - labelX - LABEL_GAP_MM };
      statics.push(
        label(`${cell.vi}:`, EN(cell.en), labelX, rowY, cell.optional ? { ...fit, showIf: cell.key } : fit),
      );
      fields.push({
        key: cell.key,
        xMm: valueX,
        yMm: rowY,
        align: 'left',
        maxWidthMm: valueEnd - valueX,
        face: cell.face ?? 'regular',
        sizePt: cell.sizePt ?? VALUE_PT,
        ...(cell.optional ? { optional: true } : {}),
      });
    });
  });

  // Serial and register number under the QR's right; QR box bottom left (PRINT-10).
  const numberLabel = { sizePt: 11, maxWidthMm: 100 - 50 - LABEL_GAP_MM };
  statics.push(label('Số hiệu:', EN('Serial No.'), 50, 170, numberLabel));
  statics.push(label('Số vào sổ gốc cấp bằng:', EN('Register No.'), 50, 182, numberLabel));
  fields.push({
    key: 'serialNumber',
    xMm: 100,
    yMm: 170,
    align: 'left',
    maxWidthMm: 52,
    face: 'bold',
    sizePt: 12,
  });
  fields.push({
    key: 'registerEntryNumber',
    xMm: 100,
    yMm: 182,
    align: 'left',
    maxWidthMm: 52,
    face: 'regular',
    sizePt: 12,
  });

  // Place and date line: the blank prints ", ngày … tháng … năm …"; each part has its own gap.
  const dateY = 156;
  // Each printed word ends before the gap of the value after it.
  const datePart = (vi: string, xMm: number, maxWidthMm: number) =>
    ({
      kind: 'text',
      vi,
      xMm,
      yMm: dateY,
      align: 'left',
      maxWidthMm,
      face: 'italic',
      sizePt: 12.5,
      color: INK,
    }) as const;
  statics.push(datePart(', ngày', 183, 14.2), datePart('tháng', 208, 13.6), datePart('năm', 232.5, 11));
  const dateField = (
    key: FieldKey,
    xMm: number,
    align: 'left' | 'center' | 'right',
    maxWidthMm: number,
  ): FieldSpec => ({
    key,
    xMm,
    yMm: dateY,
    align,
    maxWidthMm,
    face: 'italic',
    sizePt: 12.5,
  });
  fields.push(
    dateField('issuePlaceName', 183, 'right', 55),
    dateField('issueDay', 202, 'center', 8.4),
    dateField('issueMonth', 226.5, 'center', 8.4),
    dateField('issueYear', 244, 'left', 16),
  );
  fields.push({
    key: 'signerTitle',
    xMm: 212,
    yMm: 163,
    align: 'center',
    maxWidthMm: 110,
    face: 'bold',
    sizePt: 13,
    lineMm: 5.5,
  });
  fields.push({
    key: 'signerName',
    xMm: 212,
    yMm: 194,
    align: 'center',
    maxWidthMm: 110,
    face: 'bold',
    sizePt: 13.5,
  });

  return {
    id: spec.id,
    credentialType: spec.credentialType,
    validFrom: spec.validFrom,
    source: spec.source,
    pageMm: A4_LANDSCAPE,
    signerTitle: spec.signerTitle,
    fields,
    statics,
    qr: { xMm: 19, yMm: 158, sizeMm: 28, quietModules: 4 },
  };
}
