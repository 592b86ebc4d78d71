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

export interface CouncilMember {
  name: string;
  title: string;
  role: string;
}

/**
 * A legal record about blanks: a destruction record (biên bản hủy, BLANK-6/7) or a loss report
 * (biên bản mất with the police report reference, BLANK-8). The serials it covers are its movements.
 */
@Entity('blank_records')
@Index('ix_blank_record_org', ['orgId', 'recordedOn'])
@Check('ck_blank_record_kind', `"kind" IN ('destruction', 'loss')`)
export class BlankRecordEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_blank_record' })
  id!: string;

  @Column('text')
  kind!: 'destruction' | 'loss';

  @Column('uuid')
  orgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_blank_record_org' })
  org?: OrganisationEntity;

  /** Destruction record number, or the police report reference. */
  @Column('text')
  recordNo!: string;

  @Column('date')
  recordedOn!: string;

  /** Destruction: the council the head appointed (name, title, role). */
  @Column('jsonb', { default: () => "'[]'" })
  councilMembers!: CouncilMember[];

  @Column('text', { nullable: true })
  method!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('int')
  quantity!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
