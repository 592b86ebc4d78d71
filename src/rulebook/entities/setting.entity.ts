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

/**
 * Effective-dated setting (TIME-3, RULES §16). A change in the law inserts a row; rows are never
 * updated. The value on a date is the applicable row (validFrom <= date <= validTo) with the
 * latest validFrom, in the most specific scope (the organisation, its ancestors, then national).
 */
@Entity('settings')
@Index('ix_setting_key', ['key'])
@Check('ck_setting_window', `"valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from"`)
export class SettingEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_setting' })
  id!: string;

  @Column('text')
  key!: string;

  /** Null = national; otherwise the organisation the row applies to (and its subtree). */
  @Column('uuid', { nullable: true })
  scopeOrgId!: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scope_org_id', foreignKeyConstraintName: 'fk_setting_scope_org' })
  scopeOrg?: OrganisationEntity | null;

  @Column('jsonb', { nullable: true })
  value!: unknown;

  @Column('date', { nullable: true })
  validFrom!: string | null;

  @Column('date', { nullable: true })
  validTo!: string | null;

  @Column('text')
  legalBasis!: string;

  /** Rule IDs this row implements, e.g. "ORG-2, TIME-6". */
  @Column('text', { nullable: true })
  rules!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
