import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';
import { RegisterEntryEntity } from '../../register/entities/register-entry.entity';

/**
 * PUB-4/PUB-6: what the public answer hides. Every public answer that is not a match is one of these:
 * - `unknownSerial`: no diploma is on this serial now;
 * - `dataMismatch`: a diploma is on this serial, but with another name or birth date;
 * - `voidBlank`: the serial is a blank recorded spoiled, destroyed or lost (BLANK-10);
 * - `qrNotInRegister`: a QR whose signature verified but that does not describe the register
 *   (`reason` says how: fieldsDiffer, blankSpoiled, notPrintedByIssuer, …);
 * - `qrSignatureInvalid`: a well-formed QR whose key or signature fails (`reason`).
 */
export const FORGERY_SIGNAL_KINDS = [
  'unknownSerial',
  'dataMismatch',
  'voidBlank',
  'qrNotInRegister',
  'qrSignatureInvalid',
] as const;
export type ForgerySignalKind = (typeof FORGERY_SIGNAL_KINDS)[number];

/**
 * A forgery signal for agencies (PUB-8). Append-only. It keeps what was presented (the serial, the
 * name and birth date typed or carried by the QR), because that is what an investigation needs; it
 * keeps nothing about who asked (no address), so a citizen's lookup is not a record of the citizen.
 */
@Entity('forgery_signals')
@Index('ix_forgery_signal_org', ['orgId', 'id'])
@Index('ix_forgery_signal_serial', ['serialNumber'])
@Check('ck_forgery_signal_kind', `"kind" IN (${FORGERY_SIGNAL_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Check('ck_forgery_signal_channel', `"channel" IN ('lookup', 'qr')`)
export class ForgerySignalEntity {
  /** UUID v7: time-ordered, the cursor of the agency listing. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_forgery_signal' })
  id!: string;

  @Column('text')
  channel!: 'lookup' | 'qr';

  @Column('text')
  kind!: ForgerySignalKind;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { nullable: true })
  serialNumber!: string | null;

  /** The diploma the presented data was checked against, when there is one. */
  @Column('uuid', { nullable: true })
  entryId!: string | null;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_forgery_signal_entry' })
  entry?: RegisterEntryEntity;

  /** Whose matter it is (the diploma's issuer or the blank's holder); null for an unknown serial. */
  @Column('uuid', { nullable: true })
  orgId!: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_forgery_signal_org' })
  org?: OrganisationEntity;

  /** The blank's state when the serial is a known blank (BLANK-10). */
  @Column('text', { nullable: true })
  blankState!: string | null;

  @Column('text', { nullable: true })
  presentedFullName!: string | null;

  @Column('text', { nullable: true })
  presentedDateOfBirth!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
