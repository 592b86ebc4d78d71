import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';

/**
 * TIME-9: the handover of an issuer's master registers of one credential type to another body
 * (e.g. a commune's THCS registers to the department, 2025–2026), with the handover record, the books
 * and the undelivered diplomas that moved with them (HAND-5). A fact.
 */
@Entity('register_custody_transfers')
@Index('ix_register_custody_transfer_issuer', ['issuerOrgId', 'credentialType'])
export class RegisterCustodyTransferEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_register_custody_transfer' })
  id!: string;

  @Column('uuid')
  issuerOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_org_id', foreignKeyConstraintName: 'fk_register_custody_transfer_issuer' })
  issuerOrg?: OrganisationEntity;

  @Column('text')
  credentialType!: string;

  @Column('uuid')
  fromOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_org_id', foreignKeyConstraintName: 'fk_register_custody_transfer_from' })
  fromOrg?: OrganisationEntity;

  @Column('uuid')
  toOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_org_id', foreignKeyConstraintName: 'fk_register_custody_transfer_to' })
  toOrg?: OrganisationEntity;

  @Column('date')
  effectiveOn!: string;

  /** Handover record between the bodies (biên bản bàn giao): number and date. */
  @Column('text')
  recordNo!: string;

  @Column('date')
  recordDate!: string;

  /** The register books handed over: [{ id, year, entries }]. */
  @Column('jsonb')
  books!: { id: string; year: number; entries: number }[];

  @Column('int')
  entryCount!: number;

  /** HAND-5: diplomas not yet handed to their holders, which move with the register. */
  @Column('int')
  undeliveredCount!: number;

  @Column('text', { nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
