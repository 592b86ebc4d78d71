import { bufferSink } from '../documents/buffer-sink';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../common/auth/actor';
import { assertInScope } from '../common/auth/scope';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TransactionService } from '../database/transaction.service';
import { FactLogService } from '../facts/fact-log.service';
import type { JobEntity } from '../jobs/entities/job.entity';
import { JobsService, type Progress } from '../jobs/jobs.service';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import type { GraduationDecisionEntity } from '../register/entities/graduation-decision.entity';
import { DiplomasService, type DiplomaView } from '../register/diplomas.service';
import { RulebookService } from '../rulebook/rulebook.service';
import type { UsableKey } from '../signing/signing.service';
import { CalibrationsService, type NamedCalibration } from './calibrations.service';
import { openDiplomaPdf, type PrintMode } from './diploma/diploma-pdf';
import { templateOrRefuse } from './template-choice';
import { DiplomaPrintError } from './diploma/values';
import { DiplomaQrService, type SignedQr } from './diploma-qr.service';
import type { DiplomaPrintEntity } from './entities/diploma-print.entity';
import { MAX_PRINT_JOB_DIPLOMAS, overlayProblem, type PrintProblem } from './print-checks';
import { diplomaPrintOf } from './print-data';
import { DIPLOMA_PRINT } from './printing.facts';
import { PrintingRepository } from './printing.repository';

const JOB_FILE_DAYS = 7;
const PROGRESS_EVERY = 250;
const today = () => localDateTime(new Date()).date;

export interface PrintRequest {
  mode: PrintMode;
  calibration?: string;
  /** Overlay again onto a blank already printed on (the sheet never reached the paper). */
  reprint?: boolean;
}

interface Batch {
  views: DiplomaView[];
  decisions: Map<string, GraduationDecisionEntity>;
  keys: Map<string, UsableKey>;
  calibration: NamedCalibration;
  office: OrganisationEntity;
}

/** Diploma PDFs (PRINT-6..10): one at a time or as a job; overlays onto blanks are facts. */
@Injectable()
export class PrintingService {
  constructor(
    private readonly diplomas: DiplomasService,
    private readonly repo: PrintingRepository,
    private readonly calibrations: CalibrationsService,
    private readonly qr: DiplomaQrService,
    private readonly rulebook: RulebookService,
    private readonly jobs: JobsService,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One diploma's PDF; an overlay is recorded as printed before the PDF is handed out. */
  async single(actor: Actor, id: string, req: PrintRequest): Promise<{ pdf: Buffer; view: DiplomaView }> {
    const batch = await this.prepare(actor, [id], req, (i) => (i === 0 ? 'id' : `diplomaIds[${i}]`));
    const sink = bufferSink();
    const signed = await this.render(batch, req.mode, sink.out, async () => undefined);
    if (req.mode === 'overlay') await this.recordPrints(actor, batch, signed, null, req.reprint ?? false);
    return { pdf: sink.bytes(), view: batch.views[0] };
  }

  /** A print job for a decision's diplomas or a list; checks everything before the job starts. */
  async createJob(
    actor: Actor,
    input: PrintRequest & { diplomaIds?: string[]; decisionId?: string },
  ): Promise<JobEntity> {
    const ids = await this.idsOf(input);
    const batch = await this.prepare(actor, ids, input, (i) => `diplomaIds[${i}]`);
    const job = await this.jobs.create({
      kind: 'print',
      targetId: input.decisionId ?? null,
      org: batch.office,
      createdBy: actor.name,
      total: ids.length,
    });
    this.sweepOldFiles();
    this.jobs.start(job, (progress) => this.runJob(actor, job, batch, input, progress));
    return job;
  }

  private async idsOf(input: { diplomaIds?: string[]; decisionId?: string }): Promise<string[]> {
    const field = input.decisionId ? 'decisionId' : 'diplomaIds';
    const invalid = (code: string, message: string) =>
      new AppError('VALIDATION_FAILED', message, { errors: [{ field, code, message }] });
    if (input.decisionId && input.diplomaIds)
      throw invalid('EXCLUSIVE', 'Give decisionId or diplomaIds, not both');
    if (input.decisionId && !(await this.repo.decisionExists(input.decisionId)))
      throw new AppError('DECISION_NOT_FOUND', 'No such graduation decision', {
        errors: [{ field, code: 'NOT_FOUND', message: input.decisionId }],
      });
    const ids = input.decisionId
      ? await this.repo.entryIdsOfDecision(input.decisionId)
      : [...new Set(input.diplomaIds)];
    if (!ids.length) throw invalid('EMPTY', 'Nothing to print: the decision has no issued diplomas');
    if (ids.length > MAX_PRINT_JOB_DIPLOMAS)
      throw invalid('TOO_MANY', `At most ${MAX_PRINT_JOB_DIPLOMAS} diplomas per print job (${ids.length})`);
    return ids;
  }

  /** The finished PDF of a print job of the actor's subtree. */
  async jobFile(actor: Actor, jobId: string): Promise<{ stream: NodeJS.ReadableStream; size: number }> {
    const job = await this.jobs.read(actor, jobId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'JOB_NOT_FOUND')
        throw new AppError('PRINT_JOB_NOT_FOUND', 'No such print job');
      throw e;
    });
    if (job.kind !== 'print') throw new AppError('PRINT_JOB_NOT_FOUND', 'No such print job');
    if (job.state !== 'succeeded') {
      throw new AppError('PRINT_JOB_NOT_READY', `The print job is ${job.state}`, { state: job.state });
    }
    const file = this.jobPath(job.id);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new AppError(
        'PRINT_JOB_NOT_FOUND',
        `The PDF of this job was removed after ${JOB_FILE_DAYS} days`,
      );
    }
    return { stream: createReadStream(file), size };
  }

  private async prepare(
    actor: Actor,
    ids: string[],
    req: PrintRequest,
    fieldOf: (i: number) => string,
  ): Promise<Batch> {
    const entries = await this.repo.entriesByIds(ids);
    const byId = new Map((await this.diplomas.views(entries)).map((v) => [v.entry.id, v]));
    const views: DiplomaView[] = [];
    const problems: PrintProblem[] = [];
    ids.forEach((id, i) => {
      const v = byId.get(id);
      if (!v) problems.push({ field: fieldOf(i), code: 'NOT_FOUND', message: `no diploma ${id}` });
      else views.push(v);
    });
    if (problems.length) {
      throw new AppError('DIPLOMA_NOT_FOUND', `${problems.length} diploma(s) not found`, {
        errors: problems.slice(0, 100),
      });
    }
    for (const v of views) {
      // Printing acts for the issuing office (it holds the blanks) or an office above it.
      assertInScope(actor, v.issuer.path, 'A diploma of this request');
    }
    if (req.mode === 'overlay') {
      const printed = await this.repo.printedPairs(ids);
      views.forEach((v, i) => {
        const p = overlayProblem(v, printed, req.reprint ?? false, fieldOf(i));
        if (p) problems.push(p);
      });
      if (problems.length) {
        throw new AppError(
          'PRINT_NOT_POSSIBLE',
          `${problems.length} diploma(s) cannot be printed onto a blank now`,
          {
            errors: problems.slice(0, 100),
            count: problems.length,
          },
        );
      }
    }
    const office = await this.calibrations.officeOf(actor);
    const calibration = await this.calibrations.resolve(office, req.calibration);
    const keys = new Map<string, UsableKey>();
    for (const v of views) if (!keys.has(v.issuer.id)) keys.set(v.issuer.id, await this.qr.keyFor(v.issuer));
    for (const v of views) templateOrRefuse(v.entry.credentialType, v.entry.issuedOn);

    const signedOn = today();
    views.forEach((v, i) => {
      const why = this.qr.problem(v, keys.get(v.issuer.id)!, signedOn);
      if (why)
        problems.push({
          field: fieldOf(i),
          code: 'QR_UNENCODABLE',
          message: `${v.entry.registerEntryNumber}: ${why}`,
        });
    });
    if (problems.length) {
      throw new AppError(
        'PRINT_NOT_POSSIBLE',
        `${problems.length} diploma(s) cannot carry a QR (docs/QR-FORMAT.md limits)`,
        {
          errors: problems.slice(0, 100),
          count: problems.length,
        },
      );
    }
    const decisions = await this.repo.decisionsByIds([...new Set(views.map((v) => v.entry.decisionId))]);
    return { views, decisions, keys, calibration, office };
  }

  /** Streams the batch's pages into `out`; returns each diploma's signed QR, in order. */
  private async render(
    batch: Batch,
    mode: PrintMode,
    out: NodeJS.WritableStream,
    onPage: (done: number) => Promise<void>,
  ): Promise<SignedQr[]> {
    const pdf = openDiplomaPdf(out, { mode, calibration: batch.calibration, title: 'Văn bằng / Diplomas' });
    const signedOn = today();
    const signed: SignedQr[] = [];
    const classification = new Map<string, boolean>();
    for (const v of batch.views) {
      const key = batch.keys.get(v.issuer.id)!;
      // Only what goes onto a blank is signed: a preview's QR has the same form and size, no valid signature.
      const qr = mode === 'overlay' ? this.qr.sign(v, key, signedOn) : this.qr.specimen(v, key, signedOn);
      signed.push(qr);
      const k = `${v.entry.credentialType}|${v.entry.graduationYear}|${v.issuer.id}`;
      if (!classification.has(k))
        classification.set(
          k,
          await this.rulebook.classificationShown(
            v.entry.credentialType,
            v.entry.graduationYear,
            v.issuer.path,
          ),
        );
      const data = diplomaPrintOf(v, batch.decisions.get(v.entry.decisionId)!, {
        showClassification: classification.get(k)!,
        qr: qr.symbol,
      });
      try {
        await pdf.add(data);
      } catch (e) {
        if (e instanceof DiplomaPrintError)
          throw new AppError(
            'PRINT_NOT_POSSIBLE',
            `${v.entry.registerEntryNumber}: ${e.message}`,
            undefined,
            undefined,
            {
              cause: e,
            },
          );
        throw e;
      }
      if (signed.length % PROGRESS_EVERY === 0) await onPage(signed.length);
    }
    await pdf.end();
    return signed;
  }

  private async runJob(
    actor: Actor,
    job: JobEntity,
    batch: Batch,
    req: PrintRequest,
    progress: Progress,
  ): Promise<Record<string, unknown>> {
    const dir = join(this.config.dataDir, 'print-jobs');
    mkdirSync(dir, { recursive: true });
    const part = `${this.jobPath(job.id)}.part`;
    const out = createWriteStream(part);
    try {
      const signed = await this.render(batch, req.mode, out, (done) => progress(done));
      if (req.mode === 'overlay') await this.recordPrints(actor, batch, signed, job.id, req.reprint ?? false);
    } catch (e) {
      out.destroy();
      rmSync(part, { force: true });
      throw e;
    }
    renameSync(part, this.jobPath(job.id));
    await progress(batch.views.length);
    return {
      url: `/api/v1/print-jobs/${job.id}/pdf`,
      pages: batch.views.length,
      bytes: statSync(this.jobPath(job.id)).size,
      mode: req.mode,
      calibration: batch.calibration.name,
    };
  }

  /**
   * The overlay prints as facts, all in one transaction (ARCHITECTURE §3). The entries are locked
   * against a misprint replacement or a handover (both lock the entry) and checked again: a page
   * printed while its blank was replaced or the diploma handed over is not recorded, the job fails.
   */
  private async recordPrints(
    actor: Actor,
    batch: Batch,
    signed: SignedQr[],
    jobId: string | null,
    reprint: boolean,
  ): Promise<void> {
    await this.tx
      .run((em) => this.recordPrintsIn(em, actor, batch, signed, jobId, reprint))
      .catch((e: unknown) => {
        // Two jobs recording the same blank at once: the unique index decides, the loser is told why.
        if (
          e instanceof QueryFailedError &&
          (e.driverError as { constraint?: string }).constraint === 'uq_diploma_print_first'
        )
          throw new AppError(
            'DIPLOMA_ALREADY_PRINTED',
            'A blank of this batch was printed by another job meanwhile',
            undefined,
            undefined,
            { cause: e },
          );
        throw e;
      });
  }

  private async recordPrintsIn(
    em: EntityManager,
    actor: Actor,
    batch: Batch,
    signed: SignedQr[],
    jobId: string | null,
    reprint: boolean,
  ): Promise<void> {
    {
      const ids = batch.views.map((v) => v.entry.id);
      const now = await this.repo.lockForPrinting(em, ids);
      const changed = batch.views.filter((v) => {
        const n = now.get(v.entry.id);
        // handed over, moved to another blank, revoked or re-issued, or corrected since it was drawn
        return (
          !n ||
          n.handedOver ||
          n.serialNumber !== v.serialNumber ||
          !n.standing ||
          n.corrections !== v.corrections.length
        );
      });
      if (changed.length) {
        throw new AppError(
          'PRINT_NOT_POSSIBLE',
          `${changed.length} diploma(s) changed while they were printed`,
          {
            errors: changed.slice(0, 100).map((v) => ({
              field: 'diplomaIds',
              code: 'CHANGED',
              message: `${v.entry.id}: handed over, moved to another blank, amended or revoked during printing`,
            })),
          },
        );
      }
      const printed = await this.repo.printedPairs(ids, em);
      const twice = batch.views.filter((v) => printed.has(`${v.entry.id}|${v.serialNumber}`));
      if (twice.length && !reprint) {
        throw new AppError(
          'DIPLOMA_ALREADY_PRINTED',
          `${twice.length} blank(s) were printed by another job meanwhile`,
          {
            errors: twice
              .slice(0, 100)
              .map((v) => ({ field: 'diplomaIds', code: 'ALREADY_PRINTED', message: v.entry.id })),
          },
        );
      }
      const c = batch.calibration;
      const rows: DiplomaPrintEntity[] = batch.views.map((v, i) => ({
        id: uuidv7(),
        entryId: v.entry.id,
        serialNumber: v.serialNumber,
        jobId,
        mode: 'overlay',
        templateVersion: templateOrRefuse(v.entry.credentialType, v.entry.issuedOn).id,
        calibrationName: c.name,
        offsetXMm: String(c.offsetXmm),
        offsetYMm: String(c.offsetYmm),
        scale: String(c.scale),
        qrPayload: signed[i].payload,
        keyId: signed[i].keyId,
        signedOn: signed[i].signedOn,
        // A first print stays a first print in a job that allowed reprints (uq_diploma_print_first).
        reprint: printed.has(`${v.entry.id}|${v.serialNumber}`),
        printedBy: actor.name,
        printedByOrgId: actor.orgId,
        createdAt: new Date(),
      }));
      await this.repo.insertPrints(em, rows);
      await this.facts.record(em, {
        type: DIPLOMA_PRINT.type,
        ids: rows.map((r) => r.id),
        audit: {
          action: 'diploma.print',
          targetType: jobId ? 'printJob' : 'diploma',
          targetId: jobId ?? rows[0].entryId,
          scopePath: batch.office.path,
          details: {
            count: rows.length,
            calibration: c.name,
            reprints: rows.filter((r) => r.reprint).length,
          },
        },
      });
    }
  }

  private jobPath(jobId: string): string {
    return join(this.config.dataDir, 'print-jobs', `${jobId}.pdf`);
  }

  /** Job PDFs hold personal data: kept a week for re-downloads, then removed. */
  private sweepOldFiles(): void {
    const dir = join(this.config.dataDir, 'print-jobs');
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    const cutoff = Date.now() - JOB_FILE_DAYS * 86_400_000;
    for (const n of names) {
      const f = join(dir, n);
      try {
        if (statSync(f).mtimeMs < cutoff) rmSync(f, { force: true });
      } catch {
        // removed meanwhile
      }
    }
  }
}
