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
import type { Role } from '../../common/auth/roles';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';

@Entity('users')
@Unique('uq_user_username', ['username'])
@Index('ix_user_org', ['orgId'])
export class UserEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_user' })
  id!: string;

  /** Stored lower-case; sign-in is case-insensitive. */
  @Column('text')
  username!: string;

  @Column('text', { nullable: true })
  displayName!: string | null;

  @Column('text')
  passwordHash!: string;

  @Column('uuid')
  orgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_user_org' })
  org?: OrganisationEntity;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('int', { default: 0 })
  failedAttempts!: number;

  @Column('timestamptz', { nullable: true })
  lockedUntil!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  disabledAt!: Date | null;

  @Column('timestamptz')
  passwordChangedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
