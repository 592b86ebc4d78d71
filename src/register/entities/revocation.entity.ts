import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { RegisterEntryEntity } from './register-entry.entity';

/** REVOKE-1: grounds a–đ; ground e (the issuer's own error) goes through a re-issue (REISSUE-6). */
export const REVOCATION_GROUNDS = [
  'fraud',
  'ineligible',
  'unauthorisedIssuer',
  'altered',
  'lentOrMisused',
] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];

/**
 * REVOKE-3/4/5: a revocation and annulment decision (quyết định thu hồi, hủy bỏ) on one diploma, recorded
 * by the register's custodian. A fact; once per diploma. The entry itself never changes (REG-6).
 */
@Entity('revocations')
@Unique('uq_revocation_entry', ['entryId'])
@Check(
  'ck_revocation_ground',
  `"ground" IN ('fraud', 'ineligible', 'unauthorisedIssuer', 'altered', 'lentOrMisused')`,
)
export class RevocationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_revocation' })
  id!: string;

  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_revocation_entry' })
  entry?: RegisterEntryEntity;

  @Column('text')
  ground!: RevocationGround;

  @Column('text')
  decisionNo!: string;

  @Column('date')
  decidedOn!: string;

  @Column('text', { nullable: true })
  signerName!: string | null;

  @Column('text', { nullable: true })
  signerTitle!: string | null;

  /** REVOKE-3: the body that detected the violation, when known. */
  @Column('text', { nullable: true })
  detectingBody!: string | null;

  /** Shown publicly with the status (REVOKE-4); never personal data beyond the diploma's own. */
  @Column('text', { nullable: true })
  publicNote!: string | null;

  /** REVOKE-5: the holder returns the diploma by this day (`revocation.returnDays` after the decision). */
  @Column('date')
  returnDueOn!: string;

  @Column('uuid')
  recordedByOrgId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
