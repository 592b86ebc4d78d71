import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FactLogService } from '../facts/fact-log.service';
import type { Actor } from '../common/auth/actor';
import { assertInScope, inScope } from '../common/auth/scope';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { TransactionService } from '../database/transaction.service';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { RulebookService } from '../rulebook/rulebook.service';
import { CUSTODY_ASSIGNMENT } from './custody.facts';
import { CustodyRepository } from './custody.repository';
import type { CustodyAssignmentEntity } from './entities/custody-assignment.entity';

export type CustodyBasis = 'assignment' | 'rule' | 'successor' | 'issuer';

export interface CustodyAnswer {
  issuer: OrganisationEntity;
  custodian: OrganisationEntity;
  basis: CustodyBasis;
  since: string | null;
  legalBasis: string | null;
}

interface CustodyRuleValue {
  fromIssuerKinds: string[];
  custodianKind: string;
}

/**
 * Issuer vs custodian (ARCHITECTURE §3, TIME-7/9, ORG-3): the body printed on a diploma never
 * changes; the body holding its register may. Resolution order, for a date:
 * an explicit custody assignment (a handover), then a rule of the rulebook (e.g. bureau-issued THCS
 * registers pass to the department on 2025-07-01), then the successor of an abolished issuer,
 * then the issuer itself.
 */
@Injectable()
export class CustodyService {
  constructor(
    private readonly repo: CustodyRepository,
    private readonly orgs: OrgsService,
    private readonly rulebook: RulebookService,
    private readonly tx: TransactionService,
    private readonly facts: FactLogService,
  ) {}

  async custodianOf(
    issuer: OrganisationEntity,
    typeCode: string,
    date: string,
    em?: EntityManager,
  ): Promise<CustodyAnswer> {
    const first = await this.firstCustodian(issuer, typeCode, date, em);
    // ORG-3: a custodian abolished since then hands over to its successor, and so on down the chain.
    const successor = await this.orgs.successorOn(first.custodian, date, em);
    if (!successor) return first;
    return {
      issuer,
      custodian: successor.org,
      basis: 'successor',
      since: successor.since,
      legalBasis: successor.legalBasis,
    };
  }

  private async firstCustodian(
    issuer: OrganisationEntity,
    typeCode: string,
    date: string,
    em?: EntityManager,
  ): Promise<CustodyAnswer> {
    const type = await this.rulebook.credentialType(typeCode);
    const assignment = await this.repo.findEffective(issuer.id, type.code, date, em);
    if (assignment) {
      return {
        issuer,
        custodian: await this.orgs.getById(assignment.custodianOrgId, em),
        basis: 'assignment',
        since: assignment.effectiveFrom,
        legalBasis: assignment.transferRecordRef,
      };
    }
    const ruleRow =
      type.kind === 'lowerSecondaryDiploma'
        ? await this.rulebook.settingRow('custody.lowerSecondaryRegisters', date, issuer.path)
        : null;
    const rule = ruleRow?.value as CustodyRuleValue | undefined;
    if (ruleRow && rule?.fromIssuerKinds.includes(issuer.kind)) {
      const custodian = await this.orgs.nearestOfKind(
        issuer,
        rule.custodianKind as OrganisationEntity['kind'],
      );
      if (custodian)
        return { issuer, custodian, basis: 'rule', since: ruleRow.validFrom, legalBasis: ruleRow.legalBasis };
    }
    return { issuer, custodian: issuer, basis: 'issuer', since: null, legalBasis: null };
  }

  async answer(actor: Actor, issuerCode: string, typeCode: string, date: string): Promise<CustodyAnswer> {
    const issuer = await this.orgs.getByCode(issuerCode);
    const a = await this.custodianOf(issuer, typeCode, date);
    if (!inScope(actor, a.issuer.path) && !inScope(actor, a.custodian.path)) {
      throw new AppError(
        'OUT_OF_SCOPE',
        `Registers of ${issuerCode} are outside your organisation's subtree`,
      );
    }
    return a;
  }

  history(issuer: OrganisationEntity): Promise<CustodyAssignmentEntity[]> {
    return this.repo.findForIssuer(issuer.id);
  }

  /** Records that, from a date, another body holds an issuer's registers of one type (TIME-9). */
  async assign(
    actor: Actor,
    input: {
      issuerOrgCode: string;
      credentialType: string;
      custodianOrgCode: string;
      effectiveFrom: string;
      transferRecordRef?: string;
    },
    outer?: EntityManager,
  ): Promise<CustodyAssignmentEntity> {
    const type = await this.rulebook.credentialType(input.credentialType);
    const work = async (em: EntityManager) => {
      const issuer = await this.orgs.getByCode(input.issuerOrgCode, em);
      const custodian = await this.orgs.getByCode(input.custodianOrgCode, em);
      assertInScope(actor, issuer.path, `Organisation ${issuer.code}`);
      assertInScope(actor, custodian.path, `Organisation ${custodian.code}`);
      if (custodian.validTo && custodian.validTo < input.effectiveFrom) {
        throw new AppError(
          'CUSTODY_INVALID',
          `${custodian.code} no longer exists on ${input.effectiveFrom}`,
          {
            errors: [
              {
                field: 'custodianOrgCode',
                code: 'ORG_INACTIVE',
                message: `abolished on ${custodian.validTo}`,
              },
            ],
          },
        );
      }
      if (await this.repo.findOn(issuer.id, type.code, input.effectiveFrom, em)) {
        throw new AppError(
          'CONFLICT',
          `A custody transfer of these registers on ${input.effectiveFrom} is already recorded`,
          {
            errors: [
              { field: 'effectiveFrom', code: 'CONFLICT', message: 'one transfer per issuer, type and day' },
            ],
          },
        );
      }
      const current = await this.custodianOf(issuer, type.code, input.effectiveFrom, em);
      if (current.custodian.id === custodian.id) {
        throw new AppError(
          'CUSTODY_INVALID',
          `${custodian.code} already holds these registers on ${input.effectiveFrom}`,
          {
            errors: [{ field: 'custodianOrgCode', code: 'ALREADY_CUSTODIAN', message: 'no change' }],
          },
        );
      }
      const row: CustodyAssignmentEntity = {
        id: uuidv7(),
        issuerOrgId: issuer.id,
        credentialType: type.code,
        custodianOrgId: custodian.id,
        effectiveFrom: input.effectiveFrom,
        transferRecordRef: input.transferRecordRef ?? null,
        createdAt: new Date(),
      };
      await this.repo.insertAssignment(em, row);
      await this.facts.record(em, {
        type: CUSTODY_ASSIGNMENT.type,
        ids: [row.id],
        audit: {
          action: 'custody.assign',
          targetType: 'custodyAssignment',
          targetId: row.id,
          scopePath: commonAncestorPath(issuer.path, custodian.path),
          details: {
            issuerOrgCode: issuer.code,
            custodianOrgCode: custodian.code,
            credentialType: type.code,
            effectiveFrom: row.effectiveFrom,
          },
        },
      });
      return row;
    };
    return outer ? work(outer) : this.tx.run(work);
  }
}

/** The deepest path both organisations sit under: the event concerns both. */
function commonAncestorPath(a: string, b: string): string {
  const pa = a.split('/').filter(Boolean);
  const pb = b.split('/').filter(Boolean);
  const common: string[] = [];
  for (let i = 0; i < Math.min(pa.length, pb.length) && pa[i] === pb[i]; i++) common.push(pa[i]);
  return `/${common.join('/')}${common.length ? '/' : ''}`;
}
