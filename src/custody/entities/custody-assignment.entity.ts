import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';

/**
 * Custody basics (TIME-7, TIME-9): from `effectiveFrom`, the registers that `issuerOrg` issued for
 * `credentialType` are held by `custodianOrg`. The printed issuer never changes. Append-only:
 * a later assignment supersedes an earlier one.
 */
@Entity('custody_assignments')
@Unique('uq_custody_assignment', ['issuerOrgId', 'credentialType', 'effectiveFrom'])
export class CustodyAssignmentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_custody_assignment' })
  id!: string;

  @Column('uuid')
  issuerOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_org_id', foreignKeyConstraintName: 'fk_custody_assignment_issuer' })
  issuerOrg?: OrganisationEntity;

  @Column('text')
  credentialType!: string;

  @Column('uuid')
  custodianOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_org_id', foreignKeyConstraintName: 'fk_custody_assignment_custodian' })
  custodianOrg?: OrganisationEntity;

  @Column('date')
  effectiveFrom!: string;

  /** Handover record between bodies (biên bản bàn giao): number and date. */
  @Column('text', { nullable: true })
  transferRecordRef!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
