import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { RegisterEntryEntity } from './register-entry.entity';

/**
 * REISSUE-1..8: a re-issue (cấp lại) for the issuing body's own error. The old diploma is annulled on
 * ground e and `replaced`; the new one is a new register entry (new blank, new number in the re-issue
 * year) that `replaces` it. A fact; once per diploma.
 */
@Entity('reissues')
@Unique('uq_reissue_entry', ['entryId'])
@Unique('uq_reissue_new_entry', ['newEntryId'])
export class ReissueEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_reissue' })
  id!: string;

  /** The wrong diploma. */
  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_reissue_entry' })
  entry?: RegisterEntryEntity;

  @Column('uuid')
  newEntryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'new_entry_id', foreignKeyConstraintName: 'fk_reissue_new_entry' })
  newEntry?: RegisterEntryEntity;

  @Column('text')
  decisionNo!: string;

  @Column('date')
  decidedOn!: string;

  @Column('text')
  reason!: string;

  /** REISSUE-4: the day the complete dossier arrived. */
  @Column('date', { nullable: true })
  receivedOn!: string | null;

  @Column('uuid')
  recordedByOrgId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
