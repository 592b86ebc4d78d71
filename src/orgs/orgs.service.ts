import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FactLogService } from '../facts/fact-log.service';
import type { Actor } from '../common/auth/actor';
import { assertInScope, isWithin } from '../common/auth/scope';
import { addCalendarDays } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { toNfc } from '../common/text/vietnamese';
import { TransactionService } from '../database/transaction.service';
import type { OrganisationSuccessionEntity } from './entities/organisation-succession.entity';
import type { OrganisationEntity } from './entities/organisation.entity';
import { ALLOWED_PARENT_KINDS, type OrganisationKind } from './org-kinds';
import { ORG_REGISTRATION, ORG_SUCCESSION } from './orgs.facts';
import { OrgsRepository } from './orgs.repository';

export interface NewOrganisation {
  code: string;
  nameVi: string;
  nameEn?: string | null;
  kind: OrganisationKind;
  parentCode: string | null;
  provinceCode?: string | null;
  superiorNameVi?: string | null;
  placeName?: string | null;
  validFrom?: string | null;
}

export interface Dissolution {
  effectiveOn: string;
  successorCode: string;
  kind: OrganisationSuccessionEntity['kind'];
  legalBasis?: string | null;
}

/** The organisation tree (ORG-1). Other modules resolve organisations and scopes only through here. */
@Injectable()
export class OrgsService {
  constructor(
    private readonly repo: OrgsRepository,
    private readonly tx: TransactionService,
    private readonly facts: FactLogService,
  ) {}

  async getByCode(code: string, em?: EntityManager): Promise<OrganisationEntity> {
    const org = await this.repo.findByCode(code, em);
    if (!org) throw new AppError('ORG_NOT_FOUND', `No organisation with code ${code}`, { code });
    return org;
  }

  async getById(id: string, em?: EntityManager): Promise<OrganisationEntity> {
    const org = await this.repo.findById(id, em);
    if (!org) throw new AppError('ORG_NOT_FOUND', `No organisation with id ${id}`);
    return org;
  }

  findRoot(em?: EntityManager): Promise<OrganisationEntity | null> {
    return this.repo.findRoot(em);
  }

  findByCode(code: string, em?: EntityManager): Promise<OrganisationEntity | null> {
    return this.repo.findByCode(code, em);
  }

  /** Reads one organisation the actor may see (its own subtree). */
  async readInScope(actor: Actor, code: string): Promise<OrganisationEntity> {
    const org = await this.getByCode(code);
    assertInScope(actor, org.path, `Organisation ${code}`);
    return org;
  }

  /** Codes of the given organisations (e.g. parents of a listed page). */
  async codesById(ids: (string | null)[]): Promise<Map<string, string>> {
    const rows = await this.repo.findByIds([...new Set(ids.filter((i): i is string => !!i))]);
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  /** An organisation and everything below it, optionally of some kinds only. */
  subtree(org: OrganisationEntity, kinds?: OrganisationKind[]): Promise<OrganisationEntity[]> {
    return this.repo.findSubtree(org.path, kinds);
  }

  /** Ancestors, root first, then the organisation itself. */
  async lineage(org: OrganisationEntity): Promise<OrganisationEntity[]> {
    const ids = org.path.split('/').filter(Boolean);
    const rows = await this.repo.findByIds(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((o): o is OrganisationEntity => !!o);
  }

  /** The nearest ancestor-or-self of a kind (e.g. the provincial department above a school). */
  async nearestOfKind(org: OrganisationEntity, kind: OrganisationKind): Promise<OrganisationEntity | null> {
    const chain = await this.lineage(org);
    return chain.reverse().find((o) => o.kind === kind) ?? null;
  }

  async listInScope(
    actor: Actor,
    f: { kind?: OrganisationKind; parentCode?: string; afterCode?: string | null; limit: number },
  ): Promise<{ items: OrganisationEntity[]; nextCode: string | null }> {
    let parentId: string | undefined;
    if (f.parentCode) parentId = (await this.readInScope(actor, f.parentCode)).id;
    const rows = await this.repo.findInSubtree({
      pathPrefix: actor.orgPath,
      kind: f.kind,
      parentId,
      afterCode: f.afterCode,
      limit: f.limit,
    });
    const more = rows.length > f.limit;
    const items = more ? rows.slice(0, f.limit) : rows;
    return { items, nextCode: more ? items[items.length - 1].code : null };
  }

  /** Creates an organisation under a parent in the actor's subtree (or the root, once, by the system). */
  async create(actor: Actor | null, input: NewOrganisation, em?: EntityManager): Promise<OrganisationEntity> {
    const work = async (m: EntityManager) => {
      const allowed = ALLOWED_PARENT_KINDS[input.kind];
      let parent: OrganisationEntity | null = null;
      if (input.parentCode) {
        parent = await this.repo.findByCode(input.parentCode, m);
        if (!parent) {
          throw new AppError('ORG_PARENT_NOT_FOUND', `No parent organisation ${input.parentCode}`, {
            errors: [
              { field: 'parentCode', code: 'ORG_PARENT_NOT_FOUND', message: 'unknown organisation code' },
            ],
          });
        }
        if (actor) assertInScope(actor, parent.path, `Parent organisation ${parent.code}`);
        if (!allowed || !allowed.includes(parent.kind)) {
          throw new AppError('ORG_PARENT_KIND_INVALID', `A ${input.kind} cannot sit under a ${parent.kind}`, {
            errors: [
              {
                field: 'parentCode',
                code: 'ORG_PARENT_KIND_INVALID',
                message: `allowed parent kinds: ${(allowed ?? []).join(', ') || 'none (root only)'}`,
              },
            ],
          });
        }
        if (parent.validTo) {
          throw new AppError(
            'ORG_INACTIVE',
            `Organisation ${parent.code} was abolished on ${parent.validTo}`,
          );
        }
      } else {
        if (allowed !== null) {
          throw new AppError('VALIDATION_FAILED', 'parentCode is required', {
            errors: [{ field: 'parentCode', code: 'REQUIRED', message: `a ${input.kind} needs a parent` }],
          });
        }
        if (actor) throw new AppError('FORBIDDEN', 'The root organisation is created at installation');
        if (await this.repo.findRoot(m))
          throw new AppError('ORG_ROOT_EXISTS', 'The root organisation already exists');
      }
      if (await this.repo.findByCode(input.code, m)) {
        throw new AppError('ORG_CODE_TAKEN', `Organisation code ${input.code} is taken`, {
          errors: [{ field: 'code', code: 'ORG_CODE_TAKEN', message: 'already in use' }],
        });
      }
      const id = uuidv7();
      const org: OrganisationEntity = {
        id,
        code: input.code,
        nameVi: toNfc(input.nameVi),
        nameEn: toNfc(input.nameEn ?? input.nameVi),
        kind: input.kind,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
        provinceCode: input.provinceCode ?? parent?.provinceCode ?? null,
        superiorNameVi: input.superiorNameVi ? toNfc(input.superiorNameVi) : null,
        placeName: input.placeName ? toNfc(input.placeName) : (parent?.placeName ?? null),
        validFrom: input.validFrom ?? null,
        validTo: null,
        createdAt: new Date(),
      };
      await this.repo.insertOrganisation(m, org);
      await this.facts.record(m, {
        type: ORG_REGISTRATION.type,
        ids: [org.id],
        audit: {
          action: 'org.create',
          targetType: 'organisation',
          targetId: org.code,
          scopePath: org.path,
          details: { kind: org.kind, parentCode: parent?.code ?? null },
        },
      });
      return org;
    };
    return em ? work(em) : this.tx.run(work);
  }

  /**
   * ORG-1: an abolished body is never deleted. It gets validTo and a successor link; its records
   * keep its name, and custody follows the successor where no explicit assignment exists (ORG-3).
   */
  async dissolve(
    actor: Actor | null,
    code: string,
    d: Dissolution,
    em?: EntityManager,
  ): Promise<OrganisationEntity> {
    const work = async (m: EntityManager) => {
      const org = await this.getByCode(code, m);
      const successor = await this.getByCode(d.successorCode, m);
      if (actor) {
        assertInScope(actor, org.path, `Organisation ${code}`);
        assertInScope(actor, successor.path, `Organisation ${d.successorCode}`);
      }
      if (org.validTo)
        throw new AppError('ORG_INACTIVE', `Organisation ${code} was already abolished on ${org.validTo}`);
      if (successor.id === org.id || isWithin(org.path, successor.path)) {
        throw new AppError(
          'VALIDATION_FAILED',
          'The successor must be another organisation outside the abolished one',
          {
            errors: [
              {
                field: 'successorCode',
                code: 'INVALID',
                message: 'cannot be the organisation itself or inside it',
              },
            ],
          },
        );
      }
      const lastDay = addCalendarDays(d.effectiveOn, -1);
      if (org.validFrom && lastDay < org.validFrom) {
        throw new AppError('VALIDATION_FAILED', `Organisation ${code} only exists from ${org.validFrom}`, {
          errors: [
            { field: 'effectiveOn', code: 'BEFORE_VALID_FROM', message: `must be after ${org.validFrom}` },
          ],
        });
      }
      await this.repo.setValidTo(m, org.id, lastDay);
      const succession = {
        id: uuidv7(),
        predecessorId: org.id,
        successorId: successor.id,
        kind: d.kind,
        effectiveOn: d.effectiveOn,
        legalBasis: d.legalBasis ?? null,
        createdAt: new Date(),
      };
      await this.repo.insertSuccession(m, succession);
      await this.facts.record(m, {
        type: ORG_SUCCESSION.type,
        ids: [succession.id],
        audit: {
          action: 'org.dissolve',
          targetType: 'organisation',
          targetId: org.code,
          scopePath: org.path,
          details: { successorCode: successor.code, kind: d.kind, effectiveOn: d.effectiveOn },
        },
      });
      return { ...org, validTo: lastDay };
    };
    return em ? work(em) : this.tx.run(work);
  }

  findSuccessions(org: OrganisationEntity): Promise<OrganisationSuccessionEntity[]> {
    return this.repo.findSuccessors(org.id);
  }

  /**
   * ORG-1/ORG-3: the body that stands in for `org` on `date` when `org` was abolished by then,
   * following successor links (A merged into B, B later into C → C). Null when `org` still exists.
   */
  async successorOn(
    org: OrganisationEntity,
    date: string,
    em?: EntityManager,
  ): Promise<{ org: OrganisationEntity; since: string; legalBasis: string | null } | null> {
    let current = org;
    let found: { org: OrganisationEntity; since: string; legalBasis: string | null } | null = null;
    const seen = new Set<string>([org.id]);
    while (current.validTo && current.validTo < date) {
      const link = (await this.repo.findSuccessors(current.id)).filter((s) => s.effectiveOn <= date).pop();
      if (!link || seen.has(link.successorId)) break;
      seen.add(link.successorId);
      current = await this.getById(link.successorId, em);
      found = { org: current, since: link.effectiveOn, legalBasis: link.legalBasis };
    }
    return found;
  }
}
