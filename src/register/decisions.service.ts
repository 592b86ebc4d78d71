import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertInScope, inScope } from '../common/auth/scope';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { searchKey, toNfc } from '../common/text/vietnamese';
import { TransactionService } from '../database/transaction.service';
import { FactLogService } from '../facts/fact-log.service';
import { JobsService } from '../jobs/jobs.service';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { type Deadline, RulebookService } from '../rulebook/rulebook.service';
import type { GraduateEntity } from './entities/graduate.entity';
import type { GraduationDecisionEntity, Medium, StudyMode } from './entities/graduation-decision.entity';
import type { IssuanceEntity } from './entities/issuance.entity';
import {
  type GraduateInput,
  type ImportResult,
  importFromCsv,
  importFromJson,
  importFromXlsx,
  type RowError,
} from './import/graduate-import';
import { GRADUATE, GRADUATION_DECISION } from './register.facts';
import { RegisterRepository } from './register.repository';

export interface NewDecision {
  decisionNo: string;
  decidedOn: string;
  credentialType: string;
  schoolCode: string;
  graduationYear: number;
  examSession?: string;
  examCouncil?: string;
  studyMode: StudyMode;
  medium?: Medium;
  signerName: string;
  signerTitle: string;
}

export type DeadlineStatus = 'onTime' | 'dueSoon' | 'overdue' | 'issuedOnTime' | 'issuedLate' | 'none';

export interface DecisionView {
  decision: GraduationDecisionEntity;
  school: OrganisationEntity;
  graduates: number;
  issuance: IssuanceEntity | null;
  issuingJobId: string | null;
  deadline: (Deadline & { daysLeft: number | null; status: DeadlineStatus }) | null;
}

export type ImportSource = { kind: 'json'; rows: unknown[] } | { kind: 'csv' | 'xlsx'; file: Buffer };

const SCHOOL_KINDS = ['school', 'continuingEducationCentre', 'educationInstitution'];
const today = () => localDateTime(new Date()).date;

/** Graduation decisions (ISSUE-2) and their lists of graduates, imported all or nothing. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly orgs: OrgsService,
    private readonly rulebook: RulebookService,
    private readonly facts: FactLogService,
    private readonly jobs: JobsService,
    private readonly tx: TransactionService,
  ) {}

  async create(actor: Actor, input: NewDecision): Promise<DecisionView> {
    const type = await this.rulebook.credentialType(input.credentialType);
    const school = await this.orgs.getByCode(input.schoolCode);
    assertInScope(actor, school.path, `Organisation ${school.code}`);
    const problems: RowError[] = [];
    const bad = (field: string, code: string, message: string) =>
      problems.push({ row: 0, field, code, message });
    if (!SCHOOL_KINDS.includes(school.kind))
      bad('schoolCode', 'NOT_A_SCHOOL', `${school.code} is a ${school.kind}`);
    if (input.decidedOn > today()) bad('decidedOn', 'IN_THE_FUTURE', `must be on or before ${today()}`);
    const decidedYear = Number(input.decidedOn.slice(0, 4));
    if (Math.abs(input.graduationYear - decidedYear) > 1)
      bad(
        'graduationYear',
        'IMPLAUSIBLE',
        `a decision of ${decidedYear} recognises graduates of ${decidedYear - 1}–${decidedYear + 1}`,
      );
    if (type.kind !== 'upperSecondaryDiploma' && (input.examSession || input.examCouncil)) {
      bad('examSession', 'NOT_ALLOWED', 'exam session and council belong to THPT decisions (REG-4)');
    }
    if (problems.length) {
      throw new AppError('DECISION_INVALID', 'The decision has invalid fields', {
        errors: problems.map(({ row: _r, ...e }) => e),
      });
    }
    return this.tx.run(async (em) => {
      if (await this.repo.findDecisionByNo(school.id, type.code, input.decisionNo, em)) {
        throw new AppError(
          'DECISION_NO_TAKEN',
          `Decision ${input.decisionNo} of ${school.code} is already recorded`,
          {
            errors: [
              {
                field: 'decisionNo',
                code: 'DECISION_NO_TAKEN',
                message: 'already recorded for this school and credential type',
              },
            ],
          },
        );
      }
      const decision: GraduationDecisionEntity = {
        id: uuidv7(),
        decisionNo: toNfc(input.decisionNo),
        decidedOn: input.decidedOn,
        credentialType: type.code,
        schoolOrgId: school.id,
        graduationYear: input.graduationYear,
        examSession: input.examSession ? toNfc(input.examSession) : null,
        examCouncil: input.examCouncil ? toNfc(input.examCouncil) : null,
        studyMode: input.studyMode,
        medium: input.medium ?? 'paper',
        signerName: toNfc(input.signerName),
        signerTitle: toNfc(input.signerTitle),
        recordedByOrgId: actor.orgId,
        createdAt: new Date(),
      };
      await this.repo.insertDecision(em, decision);
      await this.facts.record(em, {
        type: GRADUATION_DECISION.type,
        ids: [decision.id],
        audit: {
          action: 'decision.create',
          targetType: 'graduationDecision',
          targetId: decision.id,
          scopePath: school.path,
          details: { decisionNo: decision.decisionNo, credentialType: type.code, schoolCode: school.code },
        },
      });
      return this.view(decision, school, em);
    });
  }

  async read(actor: Actor, id: string): Promise<DecisionView> {
    const { decision, school } = await this.readable(actor, id);
    return this.view(decision, school);
  }

  /** The decision and its school, if the actor's subtree holds the school (or the actor issued it). */
  async readable(
    actor: Actor,
    id: string,
    em?: EntityManager,
  ): Promise<{ decision: GraduationDecisionEntity; school: OrganisationEntity }> {
    const decision = await this.repo.findDecision(id, em);
    if (!decision) throw new AppError('DECISION_NOT_FOUND', 'No such graduation decision');
    const school = await this.orgs.getById(decision.schoolOrgId, em);
    const issuance = inScope(actor, school.path) ? null : await this.repo.findIssuance(id, em);
    if (!inScope(actor, school.path) && !(issuance && issuance.issuerOrgId === actor.orgId)) {
      assertInScope(actor, school.path, 'This decision');
    }
    return { decision, school };
  }

  async list(actor: Actor, schoolCode: string | undefined, after: string | null, limit: number) {
    const scopeOrg = await this.orgs.readInScope(actor, schoolCode ?? actor.orgCode);
    const schools = await this.orgs.subtree(scopeOrg, SCHOOL_KINDS as OrganisationEntity['kind'][]);
    const rows = await this.repo.decisionsOfSchools(
      schools.map((s) => s.id),
      after,
      limit,
    );
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const byId = new Map(schools.map((s) => [s.id, s]));
    const items = await Promise.all(page.map((d) => this.view(d, byId.get(d.schoolOrgId)!)));
    return { items, nextId: more ? page[page.length - 1].id : null };
  }

  async view(
    decision: GraduationDecisionEntity,
    school: OrganisationEntity,
    em?: EntityManager,
  ): Promise<DecisionView> {
    const [graduates, issuance, job] = await Promise.all([
      this.repo.countGraduates(decision.id, em),
      this.repo.findIssuance(decision.id, em),
      this.jobs.findActive('issuance', decision.id),
    ]);
    return {
      decision,
      school,
      graduates,
      issuance,
      issuingJobId: issuance ? null : (job?.id ?? null),
      deadline: await this.deadline(decision, issuance),
    };
  }

  /** ISSUE-3/4/5: due date from the decision date, days left, and whether it was met. */
  private async deadline(
    d: GraduationDecisionEntity,
    issuance: IssuanceEntity | null,
  ): Promise<DecisionView['deadline']> {
    const medium = d.medium === 'digital' ? 'digital' : 'paper';
    const dl = await this.rulebook.issuanceDeadline(d.credentialType, d.decidedOn, medium);
    if (!dl) return null;
    if (issuance)
      return {
        ...dl,
        daysLeft: null,
        status: issuance.issuedOn <= dl.dueDate ? 'issuedOnTime' : 'issuedLate',
      };
    const daysLeft = (await this.rulebook.calendar()).daysLeft(today(), dl.dueDate);
    return { ...dl, daysLeft, status: daysLeft < 0 ? 'overdue' : daysLeft <= 7 ? 'dueSoon' : 'onTime' };
  }

  /**
   * Imports graduates into a decision that is not issued yet: every row is validated (fields,
   * duplicates in the input and against graduates already recorded for this credential type, by
   * matching key and birth date or personal ID); all rows are written, or none.
   */
  async importGraduates(actor: Actor, id: string, source: ImportSource, dryRun: boolean) {
    const { decision, school } = await this.readable(actor, id);
    assertInScope(actor, school.path, 'This decision');
    const type = await this.rulebook.credentialType(decision.credentialType);
    const showClassification = await this.rulebook.classificationShown(
      type.code,
      decision.graduationYear,
      school.path,
    );
    const opts = {
      credentialKind: type.kind,
      graduationYear: decision.graduationYear,
      classificationAllowed: showClassification,
    };
    const parsed: ImportResult =
      source.kind === 'json'
        ? importFromJson(source.rows, opts)
        : source.kind === 'csv'
          ? importFromCsv(source.file, opts)
          : await importFromXlsx(source.file, opts);
    if (parsed.errors.length) throw importInvalid(parsed.errors, parsed.warnings);
    const work = async (em: EntityManager) => {
      await this.repo.lockDecision(em, decision.id);
      if (await this.repo.findIssuance(decision.id, em)) {
        throw new AppError(
          'DECISION_ALREADY_ISSUED',
          'The decision is issued: its list of graduates is closed',
        );
      }
      const errors = await this.matchRecorded(em, decision.credentialType, parsed.graduates);
      if (errors.length) throw importInvalid(errors, parsed.warnings);
      if (dryRun) return { imported: 0 };
      const first = (await this.repo.maxRowNo(em, decision.id)) + 1;
      const rows = parsed.graduates.map((g, i) => toGraduateRow(decision.id, first + i, g));
      await this.repo.insertGraduates(em, rows);
      await this.facts.record(em, {
        type: GRADUATE.type,
        ids: rows.map((r) => r.id),
        audit: {
          action: 'decision.graduates.import',
          targetType: 'graduationDecision',
          targetId: decision.id,
          scopePath: school.path,
          details: { rows: rows.length, firstRowNo: first, source: source.kind },
        },
      });
      return { imported: rows.length };
    };
    const { imported } = await this.tx.run(work);
    return {
      dryRun,
      valid: parsed.graduates.length,
      imported,
      totalGraduates: await this.repo.countGraduates(decision.id),
      warnings: parsed.warnings,
    };
  }

  private async matchRecorded(
    em: EntityManager,
    credentialType: string,
    graduates: GraduateInput[],
  ): Promise<RowError[]> {
    const people = graduates.map((g) => ({
      nameKey: searchKey(g.fullName),
      dateOfBirth: g.dateOfBirth,
      personalIdNumber: g.personalIdNumber,
    }));
    const matches = await this.repo.findRecordedMatches(em, credentialType, people);
    if (!matches.length) return [];
    const byKey = new Map(matches.map((m) => [`${m.nameKey}|${m.dateOfBirth}`, m]));
    const byId = new Map(matches.filter((m) => m.personalIdNumber).map((m) => [m.personalIdNumber!, m]));
    const errors: RowError[] = [];
    people.forEach((p, i) => {
      const m =
        byKey.get(`${p.nameKey}|${p.dateOfBirth}`) ??
        (p.personalIdNumber ? byId.get(p.personalIdNumber) : undefined);
      if (m) {
        errors.push({
          row: i + 1,
          field: 'fullName',
          code: 'ALREADY_RECORDED',
          message: `already a graduate (${credentialType}) in decision ${m.decisionNo} (ISSUE-1)`,
        });
      }
    });
    return errors.slice(0, 1000);
  }
}

function importInvalid(errors: RowError[], warnings: unknown[]): AppError {
  return new AppError(
    'IMPORT_INVALID',
    `${errors.length} problem(s) in the graduate list; nothing was imported`,
    { errors, warnings },
  );
}

function toGraduateRow(decisionId: string, rowNo: number, g: GraduateInput): GraduateEntity {
  return {
    id: uuidv7(),
    decisionId,
    rowNo,
    fullName: g.fullName,
    nameKey: searchKey(g.fullName),
    dateOfBirth: g.dateOfBirth,
    placeOfBirth: g.placeOfBirth,
    gender: g.gender,
    ethnicity: g.ethnicity,
    nationality: g.nationality,
    personalIdNumber: g.personalIdNumber,
    learnerCode: g.learnerCode,
    classification: g.classification,
    className: g.className,
    examScores: g.examScores,
    createdAt: new Date(),
  };
}
