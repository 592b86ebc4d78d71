import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { GraduationDecisionEntity } from './graduation-decision.entity';

/** A person recognised as a graduate by a decision (ISSUE-2: the decision's list). A fact. */
@Entity('graduates')
@Unique('uq_graduate_row', ['decisionId', 'rowNo'])
@Index('ix_graduate_match', ['nameKey', 'dateOfBirth'])
@Index('ix_graduate_personal_id', ['personalIdNumber'])
@Check('ck_graduate_gender', `"gender" IN ('male', 'female')`)
export class GraduateEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_graduate' })
  id!: string;

  @Column('uuid')
  decisionId!: string;

  @ManyToOne(() => GraduationDecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_graduate_decision' })
  decision?: GraduationDecisionEntity;

  /** Position in the decision's list, continuous across imports. */
  @Column('int')
  rowNo!: number;

  /** NFC, as written (GLOSSARY: stored as entered). */
  @Column('text')
  fullName!: string;

  /** PUB-5 matching key (case, diacritics, tone placement and Unicode form ignored). */
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
  learnerCode!: string | null;

  @Column('text', { nullable: true })
  classification!: string | null;

  @Column('text', { nullable: true })
  className!: string | null;

  @Column('text', { nullable: true })
  examScores!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
