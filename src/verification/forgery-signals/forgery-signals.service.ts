import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { type PageRequest, toPage } from '../../common/pagination/pagination';
import { AuditService } from '../../audit/audit.service';
import { TransactionService } from '../../database/transaction.service';
import type { ForgerySignalKind } from './forgery-signal.entity';
import type { ForgerySignalPageDto, ForgerySignalQueryDto } from './forgery-signals.dto';
import { ForgerySignalsRepository } from './forgery-signals.repository';

@Injectable()
export class ForgerySignalsService {
  constructor(
    private readonly repo: ForgerySignalsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
  ) {}

  /**
   * Signals about the reader's subtree (the diploma's issuer or the blank's holder). An unknown serial
   * belongs to nobody, so only the root organisation (the Ministry) sees those. PUB-8: the query, with
   * its case number and purpose, is audited; no rows are returned unless the audit row commits.
   */
  async list(actor: Actor, q: ForgerySignalQueryDto, page: PageRequest): Promise<ForgerySignalPageDto> {
    return this.tx.run(async (em) => {
      await this.audit.record(em, {
        action: 'forgerySignals.query',
        targetType: 'forgerySignal',
        details: {
          caseNumber: q.caseNumber,
          purpose: q.purpose,
          serialNumber: q.serialNumber ?? null,
          kind: q.kind ?? null,
          from: q.from ?? null,
          to: q.to ?? null,
        },
      });
      const rows = await this.repo.listSignals({
        scopePath: actor.orgPath,
        includeUnowned: actor.orgPath.split('/').filter(Boolean).length === 1,
        serialNumber: q.serialNumber?.trim().toUpperCase(),
        kind: q.kind as ForgerySignalKind | undefined,
        from: q.from,
        to: q.to,
        after: page.after,
        limit: page.limit,
      });
      return toPage(rows, page.limit, (r) => ({ ...r, recordedAt: r.recordedAt.toISOString() }));
    });
  }
}
