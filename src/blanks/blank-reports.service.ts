import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertInScope, inScope } from '../common/auth/scope';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { AppError } from '../common/errors/app-error';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import { TransparencyService } from '../transparency/transparency.service';
import { BLANK_STATES, type BlankState } from './blank-states';
import { BLANK_MOVEMENT, BLANK_RECEIPT } from './blanks.facts';
import { type BlankRow, BlanksRepository } from './blanks.repository';
import { expandRanges } from './serials';

export interface StockLine {
  credentialType: string;
  usable: number;
  byState: Record<BlankState, number>;
}

export interface ReconciliationLine {
  credentialType: string;
  opening: number;
  received: number;
  transferredIn: number;
  transferredOut: number;
  used: number;
  spoiled: number;
  spoiledFromStock: number;
  destroyed: number;
  lost: number;
  lostFromStock: number;
  closing: number;
  /** Usable stock counted now, for the current year: must equal `closing`. */
  usableNow: number | null;
  exceptions: {
    serialNumber: string;
    event: 'spoiled' | 'destroyed' | 'lost';
    on: string;
    reason: string | null;
    documentRef: string | null;
  }[];
  exceptionsTruncated: boolean;
}

export interface Reconciliation {
  org: OrganisationEntity;
  year: number;
  from: string;
  to: string;
  lines: ReconciliationLine[];
}

const MAX_EXCEPTIONS = 20_000;

/** Stock, per-serial history and the yearly reconciliation (BLANK-5), derived from the facts. */
@Injectable()
export class BlankReportsService {
  constructor(
    private readonly repo: BlanksRepository,
    private readonly orgs: OrgsService,
    private readonly transparency: TransparencyService,
  ) {}

  async stock(
    actor: Actor,
    orgCode: string | undefined,
    credentialType?: string,
  ): Promise<{ org: OrganisationEntity; lines: StockLine[] }> {
    const org = await this.orgs.readInScope(actor, orgCode ?? actor.orgCode);
    const rows = await this.repo.stock(org.id, credentialType);
    const lines = new Map<string, StockLine>();
    for (const r of rows) {
      const l = lines.get(r.credentialType) ?? {
        credentialType: r.credentialType,
        usable: 0,
        byState: Object.fromEntries(BLANK_STATES.map((s) => [s, 0])) as Record<BlankState, number>,
      };
      l.byState[r.state] = r.n;
      if (r.state === 'inStock' || r.state === 'allocated') l.usable += r.n;
      lines.set(r.credentialType, l);
    }
    return { org, lines: [...lines.values()] };
  }

  /**
   * Opening balance, received, transferred in and out, used, spoiled, destroyed, lost and closing
   * balance of usable blanks (inStock + allocated) for one organisation and calendar year, computed from
   * the receipts and movements; the exceptions are listed serial by serial.
   */
  async reconciliation(
    actor: Actor,
    orgCode: string | undefined,
    year: number,
    credentialType?: string,
  ): Promise<Reconciliation> {
    const org = await this.orgs.readInScope(actor, orgCode ?? actor.orgCode);
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const lines = new Map<string, ReconciliationLine>();
    const line = (t: string) => {
      let l = lines.get(t);
      if (!l) {
        l = {
          credentialType: t,
          opening: 0,
          received: 0,
          transferredIn: 0,
          transferredOut: 0,
          used: 0,
          spoiled: 0,
          spoiledFromStock: 0,
          destroyed: 0,
          lost: 0,
          lostFromStock: 0,
          closing: 0,
          usableNow: null,
          exceptions: [],
          exceptionsTruncated: false,
        };
        lines.set(t, l);
      }
      return l;
    };
    for (const r of await this.repo.receiptsOf(org.id, credentialType ?? null, `${year + 1}-01-01`, null)) {
      const l = line(r.credential_type);
      if (r.received_on < from) l.opening += Number(r.quantity);
      else l.received += Number(r.quantity);
    }
    for (const m of await this.repo.movementsOf(org.id, credentialType ?? null)) {
      if (m.occurredOn > to) continue;
      const l = line(m.credentialType);
      const before = m.occurredOn < from;
      const outgoing = m.fromOrgId === org.id;
      const incoming = m.toOrgId === org.id;
      // Usable stock of this org changes by: + received, + in, − out, − used, − spoiled/lost from stock.
      const delta =
        (incoming ? m.quantity : 0) -
        (outgoing && (m.kind === 'transfer' || m.kind === 'return' || m.kind === 'use') ? m.quantity : 0) -
        (outgoing && (m.kind === 'spoil' || m.kind === 'lose') ? m.usableQuantity : 0);
      if (before) {
        l.opening += delta;
        continue;
      }
      if (incoming) l.transferredIn += m.quantity;
      if (!outgoing) continue;
      if (m.kind === 'transfer' || m.kind === 'return') l.transferredOut += m.quantity;
      if (m.kind === 'use') l.used += m.quantity;
      if (m.kind === 'spoil') {
        l.spoiled += m.quantity;
        l.spoiledFromStock += m.usableQuantity;
      }
      if (m.kind === 'lose') {
        l.lost += m.quantity;
        l.lostFromStock += m.usableQuantity;
      }
      if (m.kind === 'destroy') l.destroyed += m.quantity;
      if (m.kind === 'spoil' || m.kind === 'destroy' || m.kind === 'lose') {
        const event = m.kind === 'spoil' ? 'spoiled' : m.kind === 'destroy' ? 'destroyed' : 'lost';
        const room = MAX_EXCEPTIONS - l.exceptions.length;
        const serials = expandRanges(m.serialPrefix, m.digits, m.ranges, room);
        if (serials.length < m.quantity) l.exceptionsTruncated = true;
        for (const s of serials)
          l.exceptions.push({
            serialNumber: s,
            event,
            on: m.occurredOn,
            reason: m.reason,
            documentRef: m.documentRef,
          });
      }
    }
    const currentYear = Number(localDateTime(new Date()).date.slice(0, 4));
    for (const l of lines.values()) {
      l.closing =
        l.opening +
        l.received +
        l.transferredIn -
        l.transferredOut -
        l.used -
        l.spoiledFromStock -
        l.lostFromStock;
      if (year === currentYear) l.usableNow = await this.repo.usableCount(org.id, l.credentialType);
    }
    return {
      org,
      year,
      from,
      to,
      lines: [...lines.values()].sort((a, b) => a.credentialType.localeCompare(b.credentialType)),
    };
  }

  /** One serial: its state, holder, and every fact about it with its transparency-log leaf. */
  async blank(actor: Actor, serial: string) {
    const b = await this.repo.findBySerial(serial);
    if (!b) throw new AppError('BLANK_NOT_FOUND', `No blank with serial ${serial}`);
    const { receipt, movements } = await this.repo.history(b);
    const holder = await this.orgs.getById(b.holderOrgId);
    const receiver = receipt ? await this.orgs.getById(receipt.orgId) : null;
    const orgPaths = [
      holder.path,
      receiver?.path,
      ...(await this.pathsOf(movements.flatMap((m) => [m.from_org_id, m.to_org_id]))),
    ];
    // Auditors above the holder read it; so does any office it passed through.
    if (!orgPaths.some((p) => p && inScope(actor, p))) assertInScope(actor, holder.path, `Blank ${serial}`);
    const leaves = new Map([
      ...(receipt ? await this.transparency.leafIndexesOf(BLANK_RECEIPT.type, [receipt.id]) : []),
      ...(await this.transparency.leafIndexesOf(
        BLANK_MOVEMENT.type,
        movements.map((m) => m.id),
      )),
    ]);
    const records = new Map<string, { recordNo: string; kind: string }>();
    for (const m of movements) {
      if (m.record_id && !records.has(m.record_id)) {
        const r = await this.repo.recordById(m.record_id);
        if (r) records.set(r.id, { recordNo: r.recordNo, kind: r.kind });
      }
    }
    return { blank: b, holder, receipt, receiver, movements, leaves, records };
  }

  private async pathsOf(ids: (string | null)[]): Promise<string[]> {
    const codes = await this.orgs.codesById(ids);
    const orgs = await Promise.all([...codes.values()].map((c) => this.orgs.getByCode(c)));
    return orgs.map((o) => o.path);
  }

  /** PUB-6, BLANK-10: void serials (spoiled, destroyed, lost), for verification and agencies. */
  voidSerials(serials: string[]): Promise<Map<string, BlankState>> {
    return this.repo.voidStates(serials);
  }

  findBlank(serial: string): Promise<BlankRow | null> {
    return this.repo.findBySerial(serial);
  }
}
