import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { inScope } from '../common/auth/scope';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { toNfc } from '../common/text/vietnamese';
import { BlanksService } from '../blanks/blanks.service';
import { CustodyService } from '../custody/custody.service';
import { TransactionService } from '../database/transaction.service';
import { FactLogService } from '../facts/fact-log.service';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { RulebookService } from '../rulebook/rulebook.service';
import { TransparencyService } from '../transparency/transparency.service';
import type { HandoverEntity } from './entities/handover.entity';
import type { RegisterEntryEntity } from './entities/register-entry.entity';
import type { RegisterEntrySerialEntity } from './entities/register-entry-serial.entity';
import type { RevocationEntity } from './entities/revocation.entity';
import {
  CORRECTION,
  HANDOVER,
  REGISTER_ENTRY,
  REGISTER_ENTRY_SERIAL,
  REISSUE,
  REVOCATION,
} from './register.facts';
import { currentContent, type HolderContent } from './amendments/content';
import { currentSerial, type DiplomaVersion, type Lineage, versionChain } from './amendments/history';
import type { CorrectionEntity } from './entities/correction.entity';
import type { ReissueEntity } from './entities/reissue.entity';
import { RegisterRepository } from './register.repository';

export interface DiplomaView {
  entry: RegisterEntryEntity;
  issuer: OrganisationEntity;
  custodian: OrganisationEntity;
  school: OrganisationEntity;
  decisionNo: string;
  decidedOn: string;
  handover: HandoverEntity | null;
  /** The blank the diploma is on now: the entry's, or the last misprint replacement's (BLANK-9). */
  serialNumber: string | null;
  serialHistory: RegisterEntrySerialEntity[];
  /** REVOKE-6: `revoked` once a revocation decision is recorded, `replaced` once re-issued. */
  status: 'valid' | 'revoked' | 'replaced';
  revocation: RevocationEntity | null;
  replacedBy: { reissue: ReissueEntity; entry: RegisterEntryEntity; serialNumber: string | null } | null;
  /** CORR-5: with the decision's due day when the dossier's arrival was recorded. */
  corrections: (CorrectionEntity & { dueOn: string | null })[];
  /** The holder's data now (CORR-9): what a copy, the public answer and the national feed show. */
  content: HolderContent;
  versions: DiplomaVersion[];
  leafIndex: number | null;
  handoverLeafIndex: number | null;
}

export interface NewHandover {
  receivedOn: string;
  receiverName: string;
  receiverPersonalIdNumber: string;
  relationship: 'self' | 'proxy';
  authorisationRef?: string;
  dataChecked?: boolean;
}

const today = () => localDateTime(new Date()).date;

async function cached<T>(map: Map<string, T>, key: string, load: () => Promise<T>): Promise<T> {
  if (!map.has(key)) map.set(key, await load());
  return map.get(key)!;
}

/**
 * Diplomas as read from the register: the entry, its issuer (never changes) and current custodian
 * (TIME-9), and its handover (HAND-*). Status and versions grow with corrections, re-issues and
 * revocations (amendments).
 */
@Injectable()
export class DiplomasService {
  constructor(
    private readonly repo: RegisterRepository,
    private readonly orgs: OrgsService,
    private readonly custody: CustodyService,
    private readonly transparency: TransparencyService,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
    private readonly blanks: BlanksService,
    private readonly rulebook: RulebookService,
  ) {}

  async read(actor: Actor, id: string): Promise<DiplomaView> {
    const entry = await this.repo.findEntry(id);
    if (!entry) throw new AppError('DIPLOMA_NOT_FOUND', 'No such diploma');
    const [view] = await this.views([entry]);
    this.assertReadable(actor, view);
    return view;
  }

  /** By serial, register number or decision; only diplomas the actor may see are listed. */
  async find(
    actor: Actor,
    f: { serialNumber?: string; registerEntryNumber?: string; decisionId?: string },
    after: string | null,
    limit: number,
  ) {
    if (!f.serialNumber && !f.registerEntryNumber && !f.decisionId) {
      throw new AppError('VALIDATION_FAILED', 'Filter by serialNumber, registerEntryNumber or decisionId', {
        errors: [
          {
            field: 'serialNumber',
            code: 'REQUIRED',
            message: 'give one of serialNumber, registerEntryNumber, decisionId',
          },
        ],
      });
    }
    const { rows, total } = await this.repo.findEntries(f, after, limit);
    const views = (await this.views(rows)).filter((v) => this.readable(actor, v));
    const more = rows.length > limit;
    const items = more ? views.slice(0, limit) : views;
    return {
      items,
      total: rows.length === views.length ? total : views.length,
      nextId: more ? rows[limit - 1].id : null,
    };
  }

  /** For public verification: the diploma an issuer registered under this number on this date, no actor check. */
  async byIssuerNumber(
    issuerOrgId: string,
    credentialType: string,
    registerEntryNumber: string,
    issuedOn: string,
  ): Promise<DiplomaView | null> {
    const rows = await this.repo.findByIssuerNumber(
      issuerOrgId,
      credentialType,
      registerEntryNumber,
      issuedOn,
    );
    // Two entries with one number are legacy anomalies (NUM-8): a QR cannot tell them apart.
    return rows.length === 1 ? (await this.views(rows))[0] : null;
  }

  /** Diplomas of a school and graduation year not yet handed over (bằng tồn, HAND-4). */
  async unclaimed(actor: Actor, schoolCode: string, graduationYear: number) {
    const school = await this.orgs.getByCode(schoolCode);
    const { rows } = await this.repo.findEntries(
      { schoolOrgId: school.id, graduationYear, unclaimed: true },
      null,
      100_000,
    );
    const views = (await this.views(rows.slice(0, 100_000))).filter((v) => this.readable(actor, v));
    if (!views.length && !inScope(actor, school.path)) {
      throw new AppError(
        'OUT_OF_SCOPE',
        `Organisation ${school.code} is outside your organisation's subtree`,
      );
    }
    return { school, graduationYear, items: views };
  }

  /**
   * HAND-1/2: the holder (or a proxy with the holder's authorisation) signs for the diploma; once.
   * Recorded by the school, the issuer or the custodian.
   */
  async handOver(actor: Actor, id: string, h: NewHandover): Promise<DiplomaView> {
    const view = await this.read(actor, id);
    if (h.relationship === 'proxy' && !h.authorisationRef) {
      throw new AppError('HANDOVER_INVALID', 'A proxy needs the holder’s authorisation letter (HAND-2)', {
        errors: [
          { field: 'authorisationRef', code: 'REQUIRED', message: 'required when relationship is proxy' },
        ],
      });
    }
    if (h.receivedOn < view.entry.issuedOn || h.receivedOn > today()) {
      throw new AppError(
        'HANDOVER_INVALID',
        `The handover date must lie between the issue date (${view.entry.issuedOn}) and today`,
        {
          errors: [
            {
              field: 'receivedOn',
              code: 'OUT_OF_RANGE',
              message: `from ${view.entry.issuedOn} to ${today()}`,
            },
          ],
        },
      );
    }
    await this.tx.run(async (em) => {
      await this.repo.lockEntry(em, id); // against a misprint replacement at the same moment
      if (await this.repo.findHandover(id, em)) {
        throw new AppError('HANDOVER_ALREADY_RECORDED', 'This diploma was already handed over');
      }
      if ((await this.repo.revocationsOf([id], em)).has(id)) {
        throw new AppError('DIPLOMA_REVOKED', 'A revoked diploma is not handed over (REVOKE-6)');
      }
      if ((await this.repo.reissuesTouching([id], em)).some((r) => r.entryId === id)) {
        throw new AppError(
          'DIPLOMA_REPLACED',
          'This diploma was re-issued; hand over the new one (REISSUE-8)',
        );
      }
      const handover: HandoverEntity = {
        id: uuidv7(),
        entryId: id,
        receivedOn: h.receivedOn,
        receiverName: toNfc(h.receiverName),
        receiverPersonalIdNumber: h.receiverPersonalIdNumber,
        relationship: h.relationship,
        authorisationRef: h.authorisationRef ?? null,
        dataChecked: h.dataChecked ?? true,
        recordedByOrgId: actor.orgId,
        createdAt: new Date(),
      };
      await this.repo.insertHandover(em, handover);
      await this.facts.record(em, {
        type: HANDOVER.type,
        ids: [handover.id],
        audit: {
          action: 'diploma.handover',
          targetType: 'diploma',
          targetId: id,
          scopePath: view.school.path,
          details: { relationship: h.relationship },
        },
      });
    });
    return this.read(actor, id);
  }

  /**
   * BLANK-9 after a misprint: the printed blank is spoiled and the entry moves to the issuing office's
   * next usable blank, in one act. The entry keeps its register number; the replacement is a fact, so
   * the register shows both serials. Only before handover: a handed-over diploma is the holder's.
   */
  async replaceMisprintedBlank(
    actor: Actor,
    id: string,
    misprinted: string,
    note: string | null,
  ): Promise<DiplomaView> {
    const view = await this.read(actor, id);
    if (actor.orgId !== view.issuer.id) {
      throw new AppError(
        'OUT_OF_SCOPE',
        `Only ${view.issuer.code}, which holds the blanks, can replace a misprinted one`,
      );
    }
    await this.tx.run(async (em) => {
      const entry = await this.repo.lockEntry(em, id);
      if (await this.repo.findHandover(id, em)) {
        throw new AppError(
          'DIPLOMA_HANDED_OVER',
          'This diploma was handed over; a misprint can no longer be replaced',
        );
      }
      if ((await this.repo.revocationsOf([id], em)).has(id)) {
        throw new AppError('DIPLOMA_REVOKED', 'This diploma was revoked (REVOKE-6)');
      }
      if ((await this.repo.reissuesTouching([id], em)).some((r) => r.entryId === id)) {
        throw new AppError('DIPLOMA_REPLACED', 'This diploma was re-issued (REISSUE-8)');
      }
      const history = (await this.repo.serialHistoriesOf([id], em)).get(id) ?? [];
      const current = history.at(-1)?.serialNumber ?? entry!.serialNumber;
      if (!current) {
        throw new AppError('PRINT_NOT_POSSIBLE', 'This credential is not printed on a blank (NUM-10)');
      }
      // Names the sheet in hand, so a repeated request cannot spoil the replacement blank too.
      if (misprinted !== current) {
        throw new AppError('SERIAL_NOT_CURRENT', `The diploma is on blank ${current}, not ${misprinted}`, {
          errors: [{ field: 'serialNumber', code: 'NOT_CURRENT', message: `current blank: ${current}` }],
        });
      }
      const book = await this.repo.lockBookById(em, entry!.bookId);
      if (book?.closedAt) {
        throw new AppError('REGISTER_BOOK_CLOSED', 'The register book of this diploma is closed (REG-7)');
      }
      await this.blanks.spoilWithin(em, view.issuer, current, 'misprinted', note);
      const [next] = await this.blanks.takeForIssuance(
        em,
        view.issuer,
        entry!.credentialType,
        1,
        `misprint ${entry!.registerEntryNumber}`,
      );
      const row: RegisterEntrySerialEntity = {
        id: uuidv7(),
        entryId: id,
        serialNumber: next,
        previousSerialNumber: current,
        reason: 'misprinted',
        note: note ? toNfc(note) : null,
        recordedByOrgId: actor.orgId,
        createdAt: new Date(),
      };
      await this.repo.insertEntrySerial(em, row);
      await this.facts.record(em, {
        type: REGISTER_ENTRY_SERIAL.type,
        ids: [row.id],
        audit: {
          action: 'diploma.misprint',
          targetType: 'diploma',
          targetId: id,
          scopePath: view.issuer.path,
          details: { spoiledSerial: current, newSerial: next },
        },
      });
    });
    return this.read(actor, id);
  }

  private readable(actor: Actor, v: DiplomaView): boolean {
    return [v.school.path, v.issuer.path, v.custodian.path].some((p) => inScope(actor, p));
  }

  private assertReadable(actor: Actor, v: DiplomaView): void {
    if (!this.readable(actor, v))
      throw new AppError('OUT_OF_SCOPE', 'This diploma is outside your organisation’s subtree');
  }

  async views(entries: RegisterEntryEntity[]): Promise<DiplomaView[]> {
    if (!entries.length) return [];
    const lineage = await this.lineageOf(entries);
    const handovers = await this.repo.handoversOf(entries.map((e) => e.id));
    const handoverLeaves = await this.transparency.leafIndexesOf(
      HANDOVER.type,
      [...handovers.values()].map((h) => h.id),
    );
    const leafOf = (type: string, id: string) => lineage.leaves.get(type)?.get(id) ?? null;
    const orgCache = new Map<string, OrganisationEntity>();
    const org = async (id: string) => {
      let o = orgCache.get(id);
      if (!o) {
        o = await this.orgs.getById(id);
        orgCache.set(id, o);
      }
      return o;
    };
    const decisions = new Map<string, { decisionNo: string; decidedOn: string }>();
    const custodians = new Map<string, OrganisationEntity>();
    const today = localDateTime(new Date()).date;
    const out: DiplomaView[] = [];
    for (const e of entries) {
      const issuer = await org(e.issuerOrgId);
      let d = decisions.get(e.decisionId);
      if (!d) {
        const dec = await this.repo.findDecision(e.decisionId);
        d = { decisionNo: dec!.decisionNo, decidedOn: dec!.decidedOn };
        decisions.set(e.decisionId, d);
      }
      const handover = handovers.get(e.id) ?? null;
      const revocation = lineage.revocations.get(e.id) ?? null;
      const replacedBy = lineage.reissues.find((r) => r.entryId === e.id) ?? null;
      const corrections = await Promise.all(
        (lineage.corrections.get(e.id) ?? []).map(async (c) => ({
          ...c,
          dueOn: await this.correctionDue(c, issuer),
        })),
      );
      out.push({
        status: revocation ? 'revoked' : replacedBy ? 'replaced' : 'valid',
        revocation,
        replacedBy:
          replacedBy && lineage.entries.has(replacedBy.newEntryId)
            ? {
                reissue: replacedBy,
                entry: lineage.entries.get(replacedBy.newEntryId)!,
                serialNumber: currentSerial(lineage, replacedBy.newEntryId),
              }
            : null,
        corrections,
        content: currentContent(e, corrections),
        versions: versionChain(lineage, e.id, leafOf),
        serialNumber: currentSerial(lineage, e.id),
        serialHistory: lineage.serials.get(e.id) ?? [],
        entry: e,
        issuer,
        custodian: await cached(
          custodians,
          `${issuer.id}|${e.credentialType}`,
          async () => (await this.custody.custodianOf(issuer, e.credentialType, today)).custodian,
        ),
        school: await org(e.schoolOrgId),
        decisionNo: d.decisionNo,
        decidedOn: d.decidedOn,
        handover,
        leafIndex: leafOf(REGISTER_ENTRY.type, e.id),
        handoverLeafIndex: handover ? (handoverLeaves.get(handover.id) ?? null) : null,
      });
    }
    return out;
  }

  /** CORR-5: the decision is due `correction.deadlineWorkingDays` working days after a complete dossier. */
  private async correctionDue(c: CorrectionEntity, issuer: OrganisationEntity): Promise<string | null> {
    if (!c.receivedOn) return null;
    const row = await this.rulebook.settingRow('correction.deadlineWorkingDays', c.receivedOn, issuer.path);
    if (typeof row?.value !== 'number') return null;
    return (await this.rulebook.calendar()).addWorkingDays(c.receivedOn, row.value);
  }

  /** The entries linked to these by re-issues, and every amendment fact of all of them. */
  private async lineageOf(entries: RegisterEntryEntity[]): Promise<Lineage> {
    const byId = new Map(entries.map((e) => [e.id, e]));
    const reissues = new Map<string, ReissueEntity>();
    let frontier = [...byId.keys()];
    // Chains are short (a re-issue of a re-issue is rare); each round follows one more link.
    for (let round = 0; frontier.length && round < 100; round++) {
      const found = (await this.repo.reissuesTouching(frontier)).filter((r) => !reissues.has(r.id));
      for (const r of found) reissues.set(r.id, r);
      const missing = [...new Set(found.flatMap((r) => [r.entryId, r.newEntryId]))].filter(
        (id) => !byId.has(id),
      );
      for (const e of await this.repo.entriesByIds(missing)) byId.set(e.id, e);
      frontier = missing;
    }
    const ids = [...byId.keys()];
    const corrections = await this.repo.correctionsOf(ids);
    const revocations = await this.repo.revocationsOf(ids);
    const leafMaps = await Promise.all([
      this.transparency.leafIndexesOf(REGISTER_ENTRY.type, ids),
      this.transparency.leafIndexesOf(
        CORRECTION.type,
        [...corrections.values()].flat().map((c) => c.id),
      ),
      this.transparency.leafIndexesOf(
        REVOCATION.type,
        [...revocations.values()].map((r) => r.id),
      ),
      this.transparency.leafIndexesOf(REISSUE.type, [...reissues.keys()]),
    ]);
    return {
      entries: byId,
      corrections,
      revocations,
      reissues: [...reissues.values()],
      serials: await this.repo.serialHistoriesOf(ids),
      leaves: new Map([
        [REGISTER_ENTRY.type, leafMaps[0]],
        [CORRECTION.type, leafMaps[1]],
        [REVOCATION.type, leafMaps[2]],
        [REISSUE.type, leafMaps[3]],
      ]),
    };
  }
}
