import { bufferSink } from '../documents/buffer-sink';
import { Injectable } from '@nestjs/common';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { openDiplomaPdf } from './diploma/diploma-pdf';
import { templateOrRefuse } from './template-choice';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { assertInScope } from '../common/auth/scope';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { TransactionService } from '../database/transaction.service';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { NO_CALIBRATION, type Calibration } from './diploma/units';
import { CalibrationsRepository } from './calibrations.repository';
import type { PrintCalibrationEntity } from './entities/print-calibration.entity';

export interface NamedCalibration extends Calibration {
  name: string;
}

/** The name under which a print without a profile is recorded. */
export const UNCALIBRATED = 'none';

export interface CalibrationInput {
  offsetXmm: number;
  offsetYmm: number;
  scale: number;
  description?: string;
}

/** PRINT-6: each office measures its printers once and prints every batch through the profile. */
@Injectable()
export class CalibrationsService {
  constructor(
    private readonly repo: CalibrationsRepository,
    private readonly orgs: OrgsService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async officeOf(actor: Actor, orgCode?: string): Promise<OrganisationEntity> {
    const org = await this.orgs.getByCode(orgCode ?? actor.orgCode);
    assertInScope(actor, org.path, `Organisation ${org.code}`);
    return org;
  }

  async list(
    actor: Actor,
    orgCode?: string,
  ): Promise<{ org: OrganisationEntity; items: PrintCalibrationEntity[] }> {
    const org = await this.officeOf(actor, orgCode);
    return { org, items: await this.repo.listOf(org.id) };
  }

  async get(actor: Actor, name: string, orgCode?: string): Promise<PrintCalibrationEntity> {
    const org = await this.officeOf(actor, orgCode);
    const row = await this.repo.findByName(org.id, name);
    if (!row) throw notFound(name, org.code);
    return row;
  }

  async put(
    actor: Actor,
    name: string,
    input: CalibrationInput,
    orgCode?: string,
  ): Promise<PrintCalibrationEntity> {
    const org = await this.officeOf(actor, orgCode);
    return this.tx.run(async (em) => {
      const before = await this.repo.findByName(org.id, name, em);
      const now = new Date();
      const id = before?.id ?? uuidv7();
      await this.repo.upsert(em, {
        id,
        orgId: org.id,
        name,
        description: input.description ?? null,
        offsetXMm: String(input.offsetXmm),
        offsetYMm: String(input.offsetYmm),
        scale: String(input.scale),
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
      });
      await this.audit.record(em, {
        action: before ? 'printCalibration.update' : 'printCalibration.create',
        targetType: 'printCalibration',
        targetId: id,
        scopePath: org.path,
        details: {
          name,
          before: before ? toCalibration(before) : null,
          after: { offsetXmm: input.offsetXmm, offsetYmm: input.offsetYmm, scale: input.scale },
        },
      });
      return (await this.repo.findByName(org.id, name, em))!;
    });
  }

  /** PRINT-6: the calibration page of a profile, for the template of `credentialType` in force today. */
  async testPage(
    actor: Actor,
    name: string,
    credentialType: string,
    orgCode?: string,
  ): Promise<{ pdf: Buffer; templateId: string }> {
    const row = await this.get(actor, name, orgCode);
    const template = templateOrRefuse(credentialType, localDateTime(new Date()).date);
    const sink = bufferSink();
    const pdf = openDiplomaPdf(sink.out, {
      mode: 'preview',
      calibration: toCalibration(row),
      title: 'Căn chỉnh máy in',
    });
    await pdf.addCalibrationPage(template);
    await pdf.end();
    return { pdf: sink.bytes(), templateId: template.id };
  }

  /** The profile a print uses: the named one of the printing office, or none. */
  async resolve(office: OrganisationEntity, name: string | undefined): Promise<NamedCalibration> {
    if (!name || name === UNCALIBRATED) return { name: UNCALIBRATED, ...NO_CALIBRATION };
    const row = await this.repo.findByName(office.id, name);
    if (!row) throw notFound(name, office.code);
    return { name, ...toCalibration(row) };
  }
}

export function toCalibration(row: PrintCalibrationEntity): Calibration {
  return { offsetXmm: Number(row.offsetXMm), offsetYmm: Number(row.offsetYMm), scale: Number(row.scale) };
}

function notFound(name: string, orgCode: string): AppError {
  return new AppError('CALIBRATION_NOT_FOUND', `${orgCode} has no print calibration named "${name}"`, {
    errors: [{ field: 'calibration', code: 'NOT_FOUND', message: `no profile "${name}" at ${orgCode}` }],
  });
}
