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

/** COPY-8: why a copy is refused. */
export const REFUSAL_REASONS = [
  'noRegister',
  'notEligible',
  'incompleteDossier',
  'needsCorrection',
  'notValid',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** What the requester asked about, as they wrote it (there may be no register entry to point at). */
export interface RequestedDiploma {
  fullName: string;
  dateOfBirth: string;
  serialNumber?: string;
  registerEntryNumber?: string;
  graduationYear?: number;
}

/**
 * COPY-8: a written refusal of a copy request, stored and delivered like a copy. A fact of the
 * custodian; the letter (PDF) is rendered from it.
 */
@Entity('copy_refusals')
@Index('ix_copy_refusal_custodian', ['custodianOrgId', 'decidedOn'])
@Check(
  'ck_copy_refusal_reason',
  `"reason" IN ('noRegister', 'notEligible', 'incompleteDossier', 'needsCorrection', 'notValid')`,
)
export class CopyRefusalEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_copy_refusal' })
  id!: string;

  @Column('uuid')
  custodianOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_org_id', foreignKeyConstraintName: 'fk_copy_refusal_custodian' })
  custodian?: OrganisationEntity;

  /** The diploma, when the refusal concerns one in the register (needsCorrection, notValid, notEligible). */
  @Column('uuid', { nullable: true })
  entryId!: string | null;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_copy_refusal_entry' })
  entry?: RegisterEntryEntity;

  @Column('text')
  reason!: RefusalReason;

  @Column('jsonb')
  requested!: RequestedDiploma;

  @Column('text')
  requesterName!: string;

  @Column('text')
  requesterPersonalIdNumber!: string;

  @Column('text', { nullable: true })
  explanation!: string | null;

  @Column('timestamptz')
  receivedAt!: Date;

  @Column('date')
  decidedOn!: string;

  @Column('text')
  signerName!: string;

  @Column('text')
  signerTitle!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
