import { Injectable } from '@nestjs/common';
import { BlanksService } from '../blanks/blanks.service';
import type { Actor } from '../common/auth/actor';
import { isWithin } from '../common/auth/scope';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { TransactionService } from '../database/transaction.service';
import { FactLogService } from '../facts/fact-log.service';
import type { JobEntity } from '../jobs/entities/job.entity';
import { JobsService, type Progress } from '../jobs/jobs.service';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { type IssuerDecision, RulebookService } from '../rulebook/rulebook.service';
import { DecisionsService } from './decisions.service';
import type { GraduationDecisionEntity } from './entities/graduation-decision.entity';
import type { IssuanceEntity } from './entities/issuance.entity';
import type { RegisterEntryEntity } from './entities/register-entry.entity';
import { ISSUANCE, REGISTER_ENTRY } from './register.facts';
import { isValidRegisterNumberFormat, renderRegisterNumber } from './register-number';
import { RegisterRepository } from './register.repository';

/** Graduates per step: each step takes its blanks, writes its entries and reports progress. */
const CHUNK = 5_000;
const today = () => localDateTime(new Date()).date;

/**
 * Issuing a graduation decision (ISSUE-*, NUM-*, REG-*): the rulebook decides whether the acting office
 * may issue this credential type on the issue date (ORG-2); every graduate gets the next gapless number
 * in the office's register book for the year, rendered through the office's format, and the next blank
 * from its stock. Runs as a job; the whole decision is one transaction, so it is issued entirely or not at all.
 */
@Injectable()
export class IssuanceService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly decisions: DecisionsService,
    private readonly orgs: OrgsService,
    private readonly rulebook: RulebookService,
    private readonly blanks: BlanksService,
    private readonly facts: FactLogService,
    private readonly jobs: JobsService,
    private readonly tx: TransactionService,
  ) {}

  /** Checks everything that can be checked up front, then starts the job. */
  async issue(actor: Actor, decisionId: string, issuedOn: string): Promise<JobEntity> {
    const { decision, school } = await this.decisions.readable(actor, decisionId);
    const issuer = await this.orgs.getById(actor.orgId);
    const authority = await this.checkAuthority(decision, school, issuer, issuedOn);
    if (await this.repo.findIssuance(decision.id)) {
      throw new AppError(
        'DECISION_ALREADY_ISSUED',
        `Decision ${decision.decisionNo} is already issued (ISSUE-1)`,
      );
    }
    const running = await this.jobs.findActive('issuance', decision.id);
    if (running)
      throw new AppError('DECISION_ISSUANCE_RUNNING', 'This decision is being issued', { jobId: running.id });
    const count = await this.repo.countGraduates(decision.id);
    if (!count) throw new AppError('DECISION_HAS_NO_GRADUATES', 'Import the graduates before issuing');
    const job = await this.jobs.create({
      kind: 'issuance',
      targetId: decision.id,
      org: issuer,
      createdBy: actor.name,
      total: count,
    });
    this.jobs.start(job, (progress) =>
      this.run(actor, decision, school, issuer, authority, issuedOn, count, progress),
    );
    return job;
  }

  /** ORG-2: the acting office must be of a kind the rules name for this type on this date, above the school. */
  private async checkAuthority(
    d: GraduationDecisionEntity,
    school: OrganisationEntity,
    issuer: OrganisationEntity,
    issuedOn: string,
  ): Promise<IssuerDecision> {
    if (issuedOn < d.decidedOn || issuedOn > today()) {
      throw new AppError(
        'ISSUE_DATE_INVALID',
        `The issue date must lie between the decision (${d.decidedOn}) and today`,
        {
          errors: [{ field: 'issuedOn', code: 'OUT_OF_RANGE', message: `from ${d.decidedOn} to ${today()}` }],
        },
      );
    }
    const authority = await this.rulebook.assertMayIssue(
      d.credentialType,
      issuer.kind,
      issuedOn,
      issuer.path,
    );
    if (!isWithin(issuer.path, school.path)) {
      throw new AppError('NO_ISSUING_AUTHORITY', `${issuer.code} does not issue for ${school.code}`, {
        reason: 'the school is not under the issuing office',
      });
    }
    return authority;
  }

  private async run(
    actor: Actor,
    decision: GraduationDecisionEntity,
    school: OrganisationEntity,
    issuer: OrganisationEntity,
    authority: IssuerDecision,
    issuedOn: string,
    total: number,
    progress: Progress,
  ): Promise<Record<string, unknown>> {
    const type = await this.rulebook.credentialType(decision.credentialType);
    const year = Number(issuedOn.slice(0, 4));
    const format = await this.rulebook.settingRow('registerNumberFormat.original', issuedOn, issuer.path);
    const pattern = isValidRegisterNumberFormat(format?.value) ? format.value : '{seq}';
    const signerTitle = authority.signer?.signerTitleVi ?? decision.signerTitle;
    return this.tx.run(async (em) => {
      // Same decision: the second issuer waits here, then finds the issuance and stops (ISSUE-1).
      await this.repo.lockDecision(em, decision.id);
      if (await this.repo.findIssuance(decision.id, em))
        throw new AppError('DECISION_ALREADY_ISSUED', `Decision ${decision.decisionNo} is already issued`);
      // NUM-3: the book row is the counter; its lock makes numbers gapless under parallel issuances.
      const book = await this.repo.lockBook(em, issuer.id, type.code, year, uuidv7());
      if (book.closedAt)
        throw new AppError(
          'REGISTER_BOOK_CLOSED',
          `The ${year} register of ${issuer.code} is closed (REG-7)`,
        );
      const issuance: IssuanceEntity = {
        id: uuidv7(),
        decisionId: decision.id,
        issuerOrgId: issuer.id,
        bookId: book.id,
        issuedOn,
        firstSequence: book.lastSequence + 1,
        lastSequence: book.lastSequence + total,
        quantity: total,
        signerName: decision.signerName,
        signerTitle,
        ruleSet: authority.ruleSet,
        createdAt: new Date(),
      };
      let seq = book.lastSequence;
      let afterRow = 0;
      let done = 0;
      let first: string | null = null;
      let last: string | null = null;
      for (;;) {
        const graduates = await this.repo.graduatesPage(em, decision.id, afterRow, CHUNK);
        if (!graduates.length) break;
        afterRow = graduates[graduates.length - 1].rowNo;
        const serials = type.usesBlanks
          ? await this.blanks.takeForIssuance(
              em,
              issuer,
              type.code,
              graduates.length,
              `${decision.decisionNo} (${decision.id})`,
            )
          : graduates.map(() => null);
        const entries: RegisterEntryEntity[] = graduates.map((g, i) => {
          seq += 1;
          return {
            id: uuidv7(),
            bookId: book.id,
            decisionId: decision.id,
            graduateId: g.id,
            issuanceId: issuance.id,
            replacesEntryId: null,
            registerSequence: seq,
            registerEntryNumber: renderRegisterNumber(pattern, {
              seq,
              typeCode: type.code,
              year,
              orgCode: issuer.code,
            }),
            serialNumber: serials[i],
            issuerOrgId: issuer.id,
            credentialType: type.code,
            issuedOn,
            ruleSet: authority.ruleSet,
            signerName: decision.signerName,
            signerTitle,
            schoolOrgId: school.id,
            graduationYear: decision.graduationYear,
            fullName: g.fullName,
            nameKey: g.nameKey,
            dateOfBirth: g.dateOfBirth,
            placeOfBirth: g.placeOfBirth,
            gender: g.gender,
            ethnicity: g.ethnicity,
            nationality: g.nationality,
            personalIdNumber: g.personalIdNumber,
            classification: g.classification,
            examScores: g.examScores,
            createdAt: new Date(),
          };
        });
        await this.repo.insertEntries(em, entries);
        await this.facts.record(em, { type: REGISTER_ENTRY.type, ids: entries.map((e) => e.id) });
        first ??= entries[0].registerEntryNumber;
        last = entries[entries.length - 1].registerEntryNumber;
        done += entries.length;
        await progress(done);
      }
      if (done !== total) {
        throw new AppError(
          'DECISION_INVALID',
          'The list of graduates changed while it was being issued; try again',
        );
      }
      await this.repo.setLastSequence(em, book.id, seq);
      await this.repo.insertIssuance(em, issuance);
      await this.facts.record(em, {
        type: ISSUANCE.type,
        ids: [issuance.id],
        audit: {
          action: 'decision.issue',
          targetType: 'graduationDecision',
          targetId: decision.id,
          scopePath: school.path,
          actor: { kind: actor.kind, id: actor.id, name: actor.name, orgId: actor.orgId },
          details: {
            issuerOrgCode: issuer.code,
            quantity: done,
            firstRegisterEntryNumber: first,
            lastRegisterEntryNumber: last,
            bookYear: year,
          },
        },
      });
      return {
        decisionId: decision.id,
        issued: done,
        registerBookId: book.id,
        firstSequence: issuance.firstSequence,
        lastSequence: issuance.lastSequence,
        firstRegisterEntryNumber: first,
        lastRegisterEntryNumber: last,
      };
    });
  }
}
