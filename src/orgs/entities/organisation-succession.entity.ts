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
import { OrganisationEntity } from './organisation.entity';

/** ORG-1: predecessor/successor links (merger, split, dissolution). Append-only. */
@Entity('organisation_successions')
@Index('ix_organisation_succession_predecessor', ['predecessorId'])
@Check('ck_organisation_succession_kind', `"kind" IN ('merger', 'split', 'dissolution', 'reorganisation')`)
export class OrganisationSuccessionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_organisation_succession' })
  id!: string;

  @Column('uuid')
  predecessorId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'predecessor_id', foreignKeyConstraintName: 'fk_organisation_succession_predecessor' })
  predecessor?: OrganisationEntity;

  @Column('uuid')
  successorId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'fk_organisation_succession_successor' })
  successor?: OrganisationEntity;

  @Column('text')
  kind!: 'merger' | 'split' | 'dissolution' | 'reorganisation';

  @Column('date')
  effectiveOn!: string;

  @Column('text', { nullable: true })
  legalBasis!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
