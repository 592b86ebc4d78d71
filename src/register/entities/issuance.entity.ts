import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { GraduationDecisionEntity } from './graduation-decision.entity';
import { RegisterBookEntity } from './register-book.entity';

/** ISSUE-1: a decision is issued once; this fact records it (and its unique key makes a second impossible). */
@Entity('issuances')
@Unique('uq_issuance_decision', ['decisionId'])
export class IssuanceEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_issuance' })
  id!: string;

  @Column('uuid')
  decisionId!: string;

  @ManyToOne(() => GraduationDecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_issuance_decision' })
  decision?: GraduationDecisionEntity;

  @Column('uuid')
  issuerOrgId!: string;

  @Column('uuid')
  bookId!: string;

  @ManyToOne(() => RegisterBookEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'book_id', foreignKeyConstraintName: 'fk_issuance_book' })
  book?: RegisterBookEntity;

  @Column('date')
  issuedOn!: string;

  @Column('int')
  firstSequence!: number;

  @Column('int')
  lastSequence!: number;

  @Column('int')
  quantity!: number;

  @Column('text')
  signerName!: string;

  @Column('text')
  signerTitle!: string;

  @Column('text')
  ruleSet!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
