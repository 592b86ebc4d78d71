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

/** COPY-2: who may ask for a copy from the register. */
export const COPY_RELATIONSHIPS = ['holder', 'representative', 'relative'] as const;
export type CopyRelationship = (typeof COPY_RELATIONSHIPS)[number];

/**
 * COPY-2/3/4/7: a request for copies from the register (yêu cầu cấp bản sao từ sổ gốc), received and
 * decided by the register's custodian. A fact: recorded once, never changed; the copies it issued
 * are `register_copies` rows.
 */
@Entity('copy_requests')
@Index('ix_copy_request_entry', ['entryId', 'createdAt'])
@Index('ix_copy_request_custodian', ['custodianOrgId', 'receivedAt'])
@Check('ck_copy_request_relationship', `"relationship" IN ('holder', 'representative', 'relative')`)
// COPY-2/3: a representative or a relative brings proof of authorisation or relationship.
@Check('ck_copy_request_evidence', `"relationship" = 'holder' OR "evidence_ref" IS NOT NULL`)
@Check('ck_copy_request_quantity', `"quantity" >= 1`)
export class CopyRequestEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_copy_request' })
  id!: string;

  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_copy_request_entry' })
  entry?: RegisterEntryEntity;

  /** The organisation holding the register when the request was received (TIME-9). */
  @Column('uuid')
  custodianOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_org_id', foreignKeyConstraintName: 'fk_copy_request_custodian' })
  custodianOrg?: OrganisationEntity;

  @Column('text')
  requesterName!: string;

  @Column('text')
  requesterPersonalIdNumber!: string;

  @Column('text')
  relationship!: CopyRelationship;

  /** COPY-3: the authorisation or proof of relationship (document reference). */
  @Column('text', { nullable: true })
  evidenceRef!: string | null;

  @Column('int')
  quantity!: number;

  /** COPY-4: the deadline counts from here. */
  @Column('timestamptz')
  receivedAt!: Date;

  /** COPY-4: same working day, or the next one when received at or after `copy.cutoffTime`. */
  @Column('date')
  dueOn!: string;

  /** The custodian's current head, who signs the copies (PRINT-7). */
  @Column('text')
  signerName!: string;

  @Column('text')
  signerTitle!: string;

  @Column('text')
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
