import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';
import { GraduateEntity } from './graduate.entity';
import { GraduationDecisionEntity } from './graduation-decision.entity';
import { RegisterBookEntity } from './register-book.entity';

/**
 * REG-1, REG-6: one original diploma = one entry in the master register, complete and identical to
 * what is printed (holder data copied in), never updated or deleted. Its id is the diploma's id.
 */
@Entity('register_entries')
@Unique('uq_register_entry_sequence', ['bookId', 'registerSequence'])
// One original per graduate; re-issues (which replace an entry) are the other entries of a graduate.
@Index('uq_register_entry_graduate', ['graduateId'], { unique: true, where: '"replaces_entry_id" IS NULL' })
@Index('ix_register_entry_decision', ['decisionId', 'registerSequence'])
@Index('ix_register_entry_number', ['registerEntryNumber'])
@Index('ix_register_entry_serial', ['serialNumber'])
@Index('ix_register_entry_school', ['schoolOrgId', 'graduationYear'])
export class RegisterEntryEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_register_entry' })
  id!: string;

  @Column('uuid')
  bookId!: string;

  @ManyToOne(() => RegisterBookEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'book_id', foreignKeyConstraintName: 'fk_register_entry_book' })
  book?: RegisterBookEntity;

  @Column('uuid')
  decisionId!: string;

  @ManyToOne(() => GraduationDecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_register_entry_decision' })
  decision?: GraduationDecisionEntity;

  @Column('uuid')
  graduateId!: string;

  @ManyToOne(() => GraduateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'graduate_id', foreignKeyConstraintName: 'fk_register_entry_graduate' })
  graduate?: GraduateEntity;

  @Column('uuid')
  issuanceId!: string;

  /** REISSUE-8: the entry this re-issue replaces; null for an original. */
  @Column('uuid', { nullable: true })
  replacesEntryId!: string | null;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replaces_entry_id', foreignKeyConstraintName: 'fk_register_entry_replaces' })
  replaces?: RegisterEntryEntity;

  /** NUM-2/3: gapless from 1 in each book. */
  @Column('int')
  registerSequence!: number;

  /** NUM-4: rendered through the issuer's format. */
  @Column('text')
  registerEntryNumber!: string;

  /** NUM-1/7: from the blank; null only for credential types issued without blanks (CERT-6). */
  @Column('text', { nullable: true })
  serialNumber!: string | null;

  @Column('uuid')
  issuerOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_org_id', foreignKeyConstraintName: 'fk_register_entry_issuer' })
  issuerOrg?: OrganisationEntity;

  @Column('text')
  credentialType!: string;

  @Column('date')
  issuedOn!: string;

  /** TIME-1: fixed at issue. */
  @Column('text')
  ruleSet!: string;

  @Column('text')
  signerName!: string;

  @Column('text')
  signerTitle!: string;

  @Column('uuid')
  schoolOrgId!: string;

  @Column('int')
  graduationYear!: number;

  // Holder, as entered in the register (REG-1).
  @Column('text')
  fullName!: string;

  @Column('text')
  nameKey!: string;

  @Column('date')
  dateOfBirth!: string;

  @Column('text')
  placeOfBirth!: string;

  @Column('text')
  gender!: 'male' | 'female';

  @Column('text')
  ethnicity!: string;

  @Column('text')
  nationality!: string;

  @Column('text', { nullable: true })
  personalIdNumber!: string | null;

  @Column('text', { nullable: true })
  classification!: string | null;

  @Column('text', { nullable: true })
  examScores!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
