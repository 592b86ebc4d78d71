import { Injectable } from '@nestjs/common';
import { RulebookService } from '../../rulebook/rulebook.service';
import type { Reconciliation } from '../blank-reports.service';
import { reconciliationPdf, reconciliationXlsx } from './reconciliation-report';

/** Renders the reconciliation for people: PDF (Vietnamese, printable) or XLSX. */
@Injectable()
export class ReconciliationExport {
  constructor(private readonly rulebook: RulebookService) {}

  async render(r: Reconciliation, format: 'pdf' | 'xlsx'): Promise<Buffer> {
    const names = new Map((await this.rulebook.credentialTypes()).map((t) => [t.code, t.nameVi]));
    return format === 'pdf' ? reconciliationPdf(r, names) : reconciliationXlsx(r, names);
  }
}
