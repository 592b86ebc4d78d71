import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEMO_BLANKS,
  DEMO_CORRECTION,
  DEMO_DECISION,
  DEMO_GRADUATES,
  DEMO_ISSUED_ON,
  DEMO_REVOCATION,
} from '../../seeds/demo-diplomas';
import type { Actor } from '../common/auth/actor';
import type { JsonLogger } from '../common/logging/json-logger';
import { BlanksService } from '../blanks/blanks.service';
import { JobsService } from '../jobs/jobs.service';
import { OrgsService } from '../orgs/orgs.service';
import { CorrectionsService } from '../register/amendments/corrections.service';
import { RevocationsService } from '../register/amendments/revocations.service';
import { DecisionsService } from '../register/decisions.service';
import { IssuanceService } from '../register/issuance.service';

/**
 * Demo diplomas (seeds/demo-diplomas.ts), made through the same services as real ones: blanks received,
 * a decision with its graduates, issuance, then a revocation and a correction. Once per database.
 */
@Injectable()
export class DemoDiplomasService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgsService,
    private readonly blanks: BlanksService,
    private readonly decisions: DecisionsService,
    private readonly issuance: IssuanceService,
    private readonly jobs: JobsService,
    private readonly revocations: RevocationsService,
    private readonly corrections: CorrectionsService,
  ) {}

  async loadOnce(logger: JsonLogger): Promise<void> {
    const [done] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM graduation_decisions WHERE decision_no = $1`,
      [DEMO_DECISION.decisionNo],
    );
    if (done) return;
    const dept = await this.orgs.getByCode('SGD-BTR');
    const actor: Actor = {
      kind: 'system',
      id: null,
      name: 'Dữ liệu mẫu',
      orgId: dept.id,
      orgCode: dept.code,
      orgPath: dept.path,
      roles: ['registrar', 'signer'],
    };
    await this.blanks.receive(actor, DEMO_BLANKS);
    const { decision } = await this.decisions.create(actor, DEMO_DECISION);
    await this.decisions.importGraduates(actor, decision.id, { kind: 'json', rows: DEMO_GRADUATES }, false);
    const job = await this.issuance.issue(actor, decision.id, DEMO_ISSUED_ON);
    for (let state = job.state; state === 'queued' || state === 'running';) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await this.jobs.read(actor, job.id)).state;
    }
    const idOf = async (fullName: string) =>
      (
        await this.dataSource.query<{ id: string }[]>(
          `SELECT id FROM register_entries WHERE decision_id = $1 AND full_name = $2`,
          [decision.id, fullName],
        )
      )[0].id;
    const { fullName: revoked, ...revocation } = DEMO_REVOCATION;
    await this.revocations.revoke(actor, await idOf(revoked), revocation);
    const { fullName: corrected, ...correction } = DEMO_CORRECTION;
    await this.corrections.correct(actor, await idOf(corrected), correction);
    logger.event('info', 'provision.demoDiplomas.loaded', { diplomas: DEMO_GRADUATES.length });
  }
}
