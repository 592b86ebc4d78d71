import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertInScope, isWithin } from '../common/auth/scope';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { TransactionService } from '../database/transaction.service';
import { FactLogService } from '../facts/fact-log.service';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { RulebookService } from '../rulebook/rulebook.service';
import {
  allowedFrom,
  type BlankEvent,
  type BlankState,
  type SpoilReason,
  targetState,
  USABLE_STATES,
} from './blank-states';
import { BLANK_MOVEMENT, BLANK_RECEIPT, BLANK_RECORD } from './blanks.facts';
import { BlanksRepository, type SeriesSelection } from './blanks.repository';
import type { BlankMovementEntity, MovementKind } from './entities/blank-movement.entity';
import type { BlankReceiptEntity } from './entities/blank-receipt.entity';
import type { BlankRecordEntity, CouncilMember } from './entities/blank-record.entity';
import { describeRanges, formatSerial, mergeRanges, rangesCount, toRanges } from './serials';

/** Issue 4: no single request may cover more serials than this. */
export const MAX_SERIALS_PER_REQUEST = 5_000_000;
const LIST_LIMIT = 1000;

export interface SerialInput {
  serials?: string[];
  ranges?: { from: string; to: string }[];
}

export interface ReceiptInput {
  orgCode?: string;
  credentialType: string;
  serialPrefix: string;
  from: number;
  to: number;
  digits?: number;
  receivedFrom: string;
  documentRef: string;
  receivedOn: string;
}

interface MoveSpec {
  event: BlankEvent;
  kind: MovementKind;
  holder: OrganisationEntity;
  newHolder: OrganisationEntity;
  credentialType?: string;
  reason?: string | null;
  documentRef?: string | null;
  recordId?: string | null;
  occurredOn: string;
  /** Narrower than the event's own start states (BLANK-4), e.g. a misprint spoils only a printed blank. */
  onlyFrom?: readonly BlankState[];
}

const today = () => localDateTime(new Date()).date;

/**
 * Blank-form inventory (BLANK-*): receipts, transfers down and returns up the tree, spoilage,
 * destruction records, losses, and taking blanks for issuance. Every act is one transaction:
 * the movement facts (through the fact log), the derived per-serial state and the audit row.
 */
@Injectable()
export class BlanksService {
  constructor(
    private readonly repo: BlanksRepository,
    private readonly orgs: OrgsService,
    private readonly rulebook: RulebookService,
    private readonly facts: FactLogService,
    private readonly tx: TransactionService,
  ) {}

  /** BLANK-2/11: a consecutive range received; any overlap with a known serial rejects the whole receipt. */
  async receive(actor: Actor, input: ReceiptInput): Promise<BlankReceiptEntity> {
    const type = await this.rulebook.credentialType(input.credentialType);
    if (!type.usesBlanks) {
      throw new AppError('BLANK_RANGE_INVALID', `${type.code} is issued without blank forms (CERT-6)`, {
        errors: [
          { field: 'credentialType', code: 'NO_BLANKS', message: 'this credential type uses no blanks' },
        ],
      });
    }
    const digits = input.digits ?? 7;
    validateRange(input.from, input.to, digits);
    const org = await this.orgs.getByCode(input.orgCode ?? actor.orgCode);
    assertInScope(actor, org.path, `Organisation ${org.code}`);
    if (input.receivedOn > today()) {
      throw new AppError('VALIDATION_FAILED', 'receivedOn is in the future', {
        errors: [{ field: 'receivedOn', code: 'IN_THE_FUTURE', message: `must be on or before ${today()}` }],
      });
    }
    return this.tx.run(async (em) => {
      const receipt: BlankReceiptEntity = {
        id: uuidv7(),
        orgId: org.id,
        credentialType: type.code,
        serialPrefix: input.serialPrefix,
        digits,
        firstNumber: String(input.from),
        lastNumber: String(input.to),
        quantity: input.to - input.from + 1,
        receivedFrom: input.receivedFrom,
        documentRef: input.documentRef,
        receivedOn: input.receivedOn,
        createdAt: new Date(),
      };
      await this.repo.insertReceipt(em, receipt);
      const inserted = await this.repo.insertBlanks(em, receipt);
      if (inserted !== receipt.quantity) {
        const existing = await this.repo.existingSerials(
          input.serialPrefix,
          digits,
          input.from,
          input.to,
          LIST_LIMIT,
          em,
        );
        throw new AppError(
          'BLANK_SERIAL_CONFLICT',
          `${receipt.quantity - inserted} serial(s) of this range were already received`,
          {
            conflicting: receipt.quantity - inserted,
            serials: existing,
          },
        );
      }
      await this.facts.record(em, {
        type: BLANK_RECEIPT.type,
        ids: [receipt.id],
        audit: {
          action: 'blank.receive',
          targetType: 'blankReceipt',
          targetId: receipt.id,
          scopePath: org.path,
          details: {
            credentialType: type.code,
            range: describeRanges(input.serialPrefix, digits, [[input.from, input.to]]),
            quantity: receipt.quantity,
            documentRef: input.documentRef,
          },
        },
      });
      return receipt;
    });
  }

  /** Down the tree (allocation) or back up (return); only the holder hands blanks on. */
  async transfer(
    actor: Actor,
    input: SerialInput & {
      fromOrgCode?: string;
      toOrgCode: string;
      credentialType: string;
      documentRef?: string;
    },
  ) {
    const from = await this.orgs.getByCode(input.fromOrgCode ?? actor.orgCode);
    const to = await this.orgs.getByCode(input.toOrgCode);
    this.assertHolderActs(actor, from);
    const down = isWithin(from.path, to.path);
    const up = isWithin(to.path, from.path);
    if (from.id === to.id || (!down && !up)) {
      throw new AppError(
        'BLANK_TRANSFER_TARGET_INVALID',
        'Blanks move down the organisation tree or back up it, to another organisation',
        {
          errors: [
            {
              field: 'toOrgCode',
              code: 'NOT_ABOVE_OR_BELOW',
              message: `${to.code} is neither above nor below ${from.code}`,
            },
          ],
        },
      );
    }
    if (to.validTo && to.validTo < today()) {
      throw new AppError('BLANK_TRANSFER_TARGET_INVALID', `${to.code} was abolished on ${to.validTo}`, {
        errors: [{ field: 'toOrgCode', code: 'ORG_INACTIVE', message: 'abolished' }],
      });
    }
    await this.rulebook.credentialType(input.credentialType);
    return this.moveAct(actor, input, {
      event: down ? 'allocate' : 'return',
      kind: down ? 'transfer' : 'return',
      holder: from,
      newHolder: to,
      credentialType: input.credentialType,
      documentRef: input.documentRef ?? null,
      occurredOn: today(),
    });
  }

  /** BLANK-4/6: misprinted, damaged, obsolete, or a signed diploma spoiled; awaiting destruction. */
  async spoil(actor: Actor, input: SerialInput & { reason: string; note?: string; orgCode?: string }) {
    const holder = await this.orgs.getByCode(input.orgCode ?? actor.orgCode);
    this.assertHolderActs(actor, holder);
    return this.moveAct(actor, input, {
      event: 'spoil',
      kind: 'spoil',
      holder,
      newHolder: holder,
      reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
      occurredOn: today(),
    });
  }

  /** BLANK-6/7: only spoiled blanks, only through a destruction record signed by a council. */
  async destroy(
    actor: Actor,
    input: SerialInput & {
      recordNo: string;
      councilMembers: CouncilMember[];
      method: string;
      destroyedOn: string;
      reason?: string;
      orgCode?: string;
    },
  ) {
    const holder = await this.orgs.getByCode(input.orgCode ?? actor.orgCode);
    this.assertHolderActs(actor, holder);
    this.assertNotFuture(input.destroyedOn, 'destroyedOn');
    return this.recordAct(actor, input, holder, {
      kind: 'destruction',
      recordNo: input.recordNo,
      recordedOn: input.destroyedOn,
      councilMembers: input.councilMembers,
      method: input.method,
      reason: input.reason ?? null,
      event: 'destroy',
    });
  }

  /** BLANK-8: lost blanks, with the police report. */
  async lose(
    actor: Actor,
    input: SerialInput & { policeReportRef: string; reportedOn: string; note?: string; orgCode?: string },
  ) {
    const holder = await this.orgs.getByCode(input.orgCode ?? actor.orgCode);
    this.assertHolderActs(actor, holder);
    this.assertNotFuture(input.reportedOn, 'reportedOn');
    return this.recordAct(actor, input, holder, {
      kind: 'loss',
      recordNo: input.policeReportRef,
      recordedOn: input.reportedOn,
      councilMembers: [],
      method: null,
      reason: input.note ?? null,
      event: 'lose',
    });
  }

  /**
   * BLANK-9, for the register: inside the caller's issuance transaction, takes `count` usable blanks
   * of a type from an office's stock in serial order, marks them used and records the use facts.
   * Parallel issuances never take the same blank (SKIP LOCKED) and never wait for each other.
   */
  async takeForIssuance(
    em: EntityManager,
    office: OrganisationEntity,
    credentialType: string,
    count: number,
    reference: string,
  ): Promise<string[]> {
    const rows = await this.repo.takeUsable(em, office.id, credentialType, count);
    if (rows.length < count) {
      throw new AppError(
        'BLANK_INSUFFICIENT_STOCK',
        `${office.code} holds ${rows.length} usable ${credentialType} blank(s); ${count} needed`,
        {
          orgCode: office.code,
          credentialType,
          available: rows.length,
          needed: count,
        },
      );
    }
    const bySeries = new Map<string, { prefix: string; digits: number; numbers: number[] }>();
    for (const r of rows) {
      const k = `${r.serialPrefix}\u0000${r.digits}`;
      const g = bySeries.get(k) ?? { prefix: r.serialPrefix, digits: r.digits, numbers: [] };
      g.numbers.push(r.number);
      bySeries.set(k, g);
    }
    const movements = [...bySeries.values()].map((g) =>
      this.movement(
        'use',
        credentialType,
        { serialPrefix: g.prefix, digits: g.digits, ranges: toRanges(g.numbers) },
        g.numbers.length,
        g.numbers.length,
        office.id,
        null,
        reference,
        null,
        null,
        today(),
      ),
    );
    await this.repo.insertMovements(em, movements);
    await this.facts.record(em, { type: BLANK_MOVEMENT.type, ids: movements.map((m) => m.id) });
    return rows.map((r) => r.serialNumber);
  }

  // ---- internals

  /** "Only the organisation holding a blank can transfer, use or spoil it" (issue 4). */
  private assertHolderActs(actor: Actor, holder: OrganisationEntity): void {
    if (actor.orgId !== holder.id) {
      throw new AppError('OUT_OF_SCOPE', `Only ${holder.code} itself can move the blanks it holds`, {
        errors: [{ field: 'orgCode', code: 'NOT_THE_HOLDER', message: `you act for ${actor.orgCode}` }],
      });
    }
  }

  private assertNotFuture(day: string, field: string): void {
    if (day > today()) {
      throw new AppError('VALIDATION_FAILED', `${field} is in the future`, {
        errors: [{ field, code: 'IN_THE_FUTURE', message: `must be on or before ${today()}` }],
      });
    }
  }

  private async recordAct(
    actor: Actor,
    input: SerialInput,
    holder: OrganisationEntity,
    r: Pick<
      BlankRecordEntity,
      'kind' | 'recordNo' | 'recordedOn' | 'councilMembers' | 'method' | 'reason'
    > & { event: BlankEvent },
  ) {
    const record: BlankRecordEntity = {
      id: uuidv7(),
      kind: r.kind,
      orgId: holder.id,
      recordNo: r.recordNo,
      recordedOn: r.recordedOn,
      councilMembers: r.councilMembers,
      method: r.method,
      reason: r.reason,
      quantity: 0,
      createdAt: new Date(),
    };
    return this.moveAct(
      actor,
      input,
      {
        event: r.event,
        kind: r.event === 'destroy' ? 'destroy' : 'lose',
        holder,
        newHolder: holder,
        reason: r.reason,
        documentRef: r.recordNo,
        recordId: record.id,
        occurredOn: r.recordedOn,
      },
      record,
    );
  }

  /** One legal act over a set of serials: resolve, lock, check every blank, move, record, audit. */
  private async moveAct(actor: Actor, input: SerialInput, spec: MoveSpec, record?: BlankRecordEntity) {
    return this.tx.run((em) => this.moveWithin(em, input, spec, record));
  }

  /**
   * BLANK-6 for printing: inside the caller's transaction, spoils one blank the office holds (a
   * misprinted diploma) and records the movement fact; the caller's act carries the audit row.
   */
  async spoilWithin(
    em: EntityManager,
    office: OrganisationEntity,
    serial: string,
    reason: SpoilReason,
    note: string | null,
  ) {
    await this.moveWithin(
      em,
      { serials: [serial] },
      {
        event: 'spoil',
        kind: 'spoil',
        holder: office,
        newHolder: office,
        reason: note ? `${reason}: ${note}` : reason,
        occurredOn: today(),
        // BLANK-9: after signing (`issued`) a swap is a re-issue, not a misprint.
        onlyFrom: ['printed'],
      },
      undefined,
      false,
    );
  }

  private async moveWithin(
    em: EntityManager,
    input: SerialInput,
    spec: MoveSpec,
    record: BlankRecordEntity | undefined,
    withAudit = true,
  ) {
    {
      const selections = await this.resolve(em, input);
      const movements: BlankMovementEntity[] = [];
      for (const sel of selections) {
        const expected = rangesCount(sel.ranges);
        const summary = await this.repo.lockAndSummarise(em, sel, spec.holder.id);
        if (spec.credentialType && summary.credentialTypes.some((t) => t !== spec.credentialType)) {
          throw new AppError(
            'BLANK_TYPE_MISMATCH',
            `Serials of ${sel.serialPrefix} are not ${spec.credentialType} blanks`,
            {
              errors: [
                {
                  field: 'credentialType',
                  code: 'BLANK_TYPE_MISMATCH',
                  message: `found ${summary.credentialTypes.join(', ')}`,
                },
              ],
            },
          );
        }
        await this.assertAllHeld(em, sel, spec, expected, summary.found);
        const usable = USABLE_STATES.reduce((s, st) => s + (summary.heldByState[st] ?? 0), 0);
        await this.repo.moveSelection(em, sel, targetState(spec.event), spec.newHolder.id);
        movements.push(
          this.movement(
            spec.kind,
            summary.credentialTypes[0],
            sel,
            expected,
            usable,
            spec.holder.id,
            spec.newHolder.id === spec.holder.id ? null : spec.newHolder.id,
            spec.reason ?? null,
            spec.documentRef ?? null,
            spec.recordId ?? null,
            spec.occurredOn,
          ),
        );
      }
      const quantity = movements.reduce((s, m) => s + m.quantity, 0);
      if (record) {
        record.quantity = quantity;
        await this.repo.insertRecord(em, record);
        await this.facts.record(em, { type: BLANK_RECORD.type, ids: [record.id] });
      }
      await this.repo.insertMovements(em, movements);
      await this.facts.record(em, {
        type: BLANK_MOVEMENT.type,
        ids: movements.map((m) => m.id),
        audit: !withAudit
          ? undefined
          : {
              action: `blank.${spec.kind}`,
              targetType: record ? 'blankRecord' : 'blankMovement',
              targetId: record?.id ?? movements[0]?.id ?? null,
              scopePath: spec.holder.path,
              details: {
                toOrgCode: spec.newHolder.id === spec.holder.id ? null : spec.newHolder.code,
                quantity,
                serials: movements
                  .map((m) => describeRanges(m.serialPrefix, m.digits, m.ranges))
                  .join('; ')
                  .slice(0, 2000),
                documentRef: spec.documentRef ?? null,
              },
            },
      });
      return {
        movements,
        record: record ?? null,
        quantity,
        fromOrgCode: spec.holder.code,
        toOrgCode: spec.newHolder.id === spec.holder.id ? null : spec.newHolder.code,
      };
    }
  }

  /** Every blank must exist, be held by the acting office, and be in a state the event allows. */
  private async assertAllHeld(
    em: EntityManager,
    sel: SeriesSelection,
    spec: MoveSpec,
    expected: number,
    found: number,
  ): Promise<void> {
    const allowed = spec.onlyFrom ?? allowedFrom(spec.event);
    const offenders = await this.repo.offenders(em, sel, spec.holder.id, allowed, LIST_LIMIT);
    const missing = found < expected ? await this.repo.missingNumbers(em, sel, LIST_LIMIT) : [];
    if (!offenders.length && !missing.length) return;
    const notHeld = offenders.filter((o) => o.holderOrgCode !== spec.holder.code);
    const wrongState = offenders.filter((o) => o.holderOrgCode === spec.holder.code);
    const unknown = missing.map((n) => ({
      serialNumber: formatSerial(sel.serialPrefix, n, sel.digits),
      state: 'unknown',
      holderOrgCode: null,
    }));
    if (notHeld.length || unknown.length) {
      const serials = [...unknown, ...notHeld];
      throw new AppError('BLANK_NOT_HELD', `${serials.length} blank(s) are not held by ${spec.holder.code}`, {
        orgCode: spec.holder.code,
        serials: serials.slice(0, LIST_LIMIT),
      });
    }
    const code = spec.event === 'destroy' ? 'BLANK_NOT_SPOILED' : 'BLANK_STATE_INVALID';
    throw new AppError(
      code,
      spec.event === 'destroy'
        ? 'Only spoiled blanks can be destroyed (BLANK-7)'
        : `These blanks cannot be ${spec.kind}ed from their state (BLANK-4)`,
      {
        allowedFrom: allowed,
        serials: wrongState.map((o) => ({ serialNumber: o.serialNumber, state: o.state })),
      },
    );
  }

  /** Turns serial lists and range ends into per-series number ranges. Unknown serials are "not held". */
  private async resolve(em: EntityManager, input: SerialInput): Promise<SeriesSelection[]> {
    const bySeries = new Map<
      string,
      { serialPrefix: string; digits: number; numbers: number[]; ranges: [number, number][] }
    >();
    const group = (prefix: string, digits: number) => {
      const k = `${prefix}\u0000${digits}`;
      const g = bySeries.get(k) ?? { serialPrefix: prefix, digits, numbers: [], ranges: [] };
      bySeries.set(k, g);
      return g;
    };
    if (!input.serials?.length && !input.ranges?.length) {
      throw new AppError('VALIDATION_FAILED', 'Give the serials, one by one or as ranges', {
        errors: [
          { field: 'serials', code: 'REQUIRED', message: 'serials or ranges must list at least one blank' },
        ],
      });
    }
    const ends = [...(input.serials ?? []), ...(input.ranges ?? []).flatMap((r) => [r.from, r.to])];
    const known = new Map(
      (await this.repo.findBySerials([...new Set(ends)], em)).map((b) => [b.serialNumber, b]),
    );
    const unknown = [...new Set(ends.filter((s) => !known.has(s)))];
    if (unknown.length) {
      throw new AppError('BLANK_NOT_HELD', `${unknown.length} serial(s) are not known to the registry`, {
        serials: unknown
          .slice(0, LIST_LIMIT)
          .map((s) => ({ serialNumber: s, state: 'unknown', holderOrgCode: null })),
      });
    }
    for (const s of input.serials ?? []) {
      const b = known.get(s)!;
      group(b.serialPrefix, b.digits).numbers.push(b.number);
    }
    let total = input.serials?.length ?? 0;
    (input.ranges ?? []).forEach((r, i) => {
      const a = known.get(r.from)!;
      const b = known.get(r.to)!;
      if (a.serialPrefix !== b.serialPrefix || a.digits !== b.digits) {
        throw new AppError('BLANK_RANGE_INVALID', 'A range must start and end in the same serial series', {
          errors: [
            {
              field: `ranges.${i}`,
              code: 'MIXED_SERIES',
              message: `${r.from} and ${r.to} belong to different series`,
            },
          ],
        });
      }
      if (a.number > b.number) {
        throw new AppError('BLANK_RANGE_INVERTED', `Range ${r.from} – ${r.to} is inverted`, {
          errors: [
            { field: `ranges.${i}`, code: 'BLANK_RANGE_INVERTED', message: 'from must not exceed to' },
          ],
        });
      }
      total += b.number - a.number + 1;
      group(a.serialPrefix, a.digits).ranges.push([a.number, b.number]);
    });
    if (total > MAX_SERIALS_PER_REQUEST) {
      throw new AppError('BLANK_RANGE_TOO_LARGE', `At most ${MAX_SERIALS_PER_REQUEST} serials per request`, {
        requested: total,
      });
    }
    return [...bySeries.values()].map((g) => ({
      serialPrefix: g.serialPrefix,
      digits: g.digits,
      ranges: mergeRanges([...g.ranges, ...toRanges(g.numbers)]),
    }));
  }

  private movement(
    kind: MovementKind,
    credentialType: string,
    sel: SeriesSelection,
    quantity: number,
    usableQuantity: number,
    fromOrgId: string,
    toOrgId: string | null,
    reason: string | null,
    documentRef: string | null,
    recordId: string | null,
    occurredOn: string,
  ): BlankMovementEntity {
    return {
      id: uuidv7(),
      kind,
      credentialType,
      serialPrefix: sel.serialPrefix,
      digits: sel.digits,
      ranges: sel.ranges,
      quantity,
      usableQuantity,
      fromOrgId,
      toOrgId,
      reason,
      documentRef,
      recordId,
      occurredOn,
      createdAt: new Date(),
    };
  }
}

/** Inverted, oversized, or beyond what `digits` can print: rejected before anything is written. */
function validateRange(from: number, to: number, digits: number): void {
  if (from > to) {
    throw new AppError('BLANK_RANGE_INVERTED', `The range ${from}–${to} is inverted`, {
      errors: [{ field: 'to', code: 'BLANK_RANGE_INVERTED', message: 'to must not be smaller than from' }],
    });
  }
  if (to - from + 1 > MAX_SERIALS_PER_REQUEST) {
    throw new AppError('BLANK_RANGE_TOO_LARGE', `At most ${MAX_SERIALS_PER_REQUEST} serials per receipt`, {
      errors: [
        { field: 'to', code: 'BLANK_RANGE_TOO_LARGE', message: `the range holds ${to - from + 1} serials` },
      ],
    });
  }
  if (to >= 10 ** digits) {
    throw new AppError('BLANK_RANGE_INVALID', `${to} does not fit in ${digits} digits`, {
      errors: [
        {
          field: 'digits',
          code: 'TOO_FEW_DIGITS',
          message: `numbers up to ${to} need ${String(to).length} digits`,
        },
      ],
    });
  }
}
