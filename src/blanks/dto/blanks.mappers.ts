import { BLANK_STATES } from '../blank-states';
import type { BlankReportsService, Reconciliation, StockLine } from '../blank-reports.service';
import type { BlankMovementEntity } from '../entities/blank-movement.entity';
import type { BlankReceiptEntity } from '../entities/blank-receipt.entity';
import { formatSerial } from '../serials';
import type { BlankDto, MovementResultDto, ReceiptDto, ReconciliationDto, StockDto } from './blanks.dto';

export function toReceiptResponse(r: BlankReceiptEntity, orgCode: string): ReceiptDto {
  const from = Number(r.firstNumber);
  const to = Number(r.lastNumber);
  return {
    id: r.id,
    orgCode,
    credentialType: r.credentialType,
    serialPrefix: r.serialPrefix,
    from,
    to,
    digits: r.digits,
    firstSerial: formatSerial(r.serialPrefix, from, r.digits),
    lastSerial: formatSerial(r.serialPrefix, to, r.digits),
    count: r.quantity,
    receivedFrom: r.receivedFrom,
    documentRef: r.documentRef,
    receivedOn: r.receivedOn,
  };
}

export function toMovementResult(r: {
  movements: BlankMovementEntity[];
  record: { id: string } | null;
  quantity: number;
  fromOrgCode: string;
  toOrgCode: string | null;
}): MovementResultDto {
  return {
    quantity: r.quantity,
    recordId: r.record?.id ?? null,
    movements: r.movements.map((m) => ({
      id: m.id,
      kind: m.kind,
      credentialType: m.credentialType,
      ranges: m.ranges.map(([a, b]) => ({
        from: formatSerial(m.serialPrefix, a, m.digits),
        to: formatSerial(m.serialPrefix, b, m.digits),
      })),
      quantity: m.quantity,
      fromOrgCode: r.fromOrgCode,
      toOrgCode: r.toOrgCode,
      reason: m.reason,
      documentRef: m.documentRef,
      occurredOn: m.occurredOn,
    })),
  };
}

export function toStockResponse(orgCode: string, lines: StockLine[]): StockDto {
  return {
    orgCode,
    items: lines.map((l) => ({
      credentialType: l.credentialType,
      usable: l.usable,
      ...(Object.fromEntries(BLANK_STATES.map((s) => [s, l.byState[s]])) as Record<
        (typeof BLANK_STATES)[number],
        number
      >),
    })),
  };
}

export function toReconciliationResponse(r: Reconciliation): ReconciliationDto {
  return { orgCode: r.org.code, year: r.year, from: r.from, to: r.to, items: r.lines };
}

export function toBlankResponse(
  v: Awaited<ReturnType<BlankReportsService['blank']>>,
  codes: Map<string, string>,
): BlankDto {
  const history: BlankDto['history'] = [];
  if (v.receipt) {
    history.push({
      event: 'receipt',
      on: v.receipt.receivedOn,
      at: v.receipt.createdAt.toISOString(),
      fromOrgCode: null,
      toOrgCode: v.receiver?.code ?? null,
      reason: v.receipt.receivedFrom,
      documentRef: v.receipt.documentRef,
      leafIndex: v.leaves.get(v.receipt.id) ?? null,
    });
  }
  for (const m of v.movements) {
    history.push({
      event: m.kind,
      on: m.occurred_on,
      at: new Date(m.created_at).toISOString(),
      fromOrgCode: m.from_code,
      toOrgCode: m.to_code,
      reason: m.reason,
      documentRef: m.record_id ? (v.records.get(m.record_id)?.recordNo ?? m.document_ref) : m.document_ref,
      leafIndex: v.leaves.get(m.id) ?? null,
    });
  }
  return {
    serialNumber: v.blank.serialNumber,
    credentialType: v.blank.credentialType,
    state: v.blank.state,
    holderOrgCode: codes.get(v.blank.holderOrgId) ?? v.holder.code,
    history,
  };
}
