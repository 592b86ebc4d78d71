import type { FactTypeDefinition } from '../facts/fact-type';

export const DIPLOMA_PRINT: FactTypeDefinition = {
  type: 'printing.diplomaPrint',
  table: 'diploma_prints',
  versions: {
    1: [
      'id',
      'entry_id',
      'serial_number',
      'job_id',
      'mode',
      'template_version',
      'calibration_name',
      'offset_x_mm',
      'offset_y_mm',
      'scale',
      'qr_payload',
      'key_id',
      'signed_on',
      'reprint',
      'printed_by',
      'printed_by_org_id',
      'created_at',
    ],
  },
  currentVersion: 1,
  rules: 'PRINT-6, PRINT-10',
};
