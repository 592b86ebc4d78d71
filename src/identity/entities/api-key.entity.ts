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

/** Machine clients (national sync, agencies). Only a SHA-256 of the secret is stored. */
@Entity('api_keys')
@Unique('uq_api_key_key_id', ['keyId'])
@Index('ix_api_key_org', ['orgId'])
export class ApiKeyEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_api_key' })
  id!: string;

  /** Public part of the key, shown in lists: `vbcc_<keyId>_<secret>`. */
  @Column('text')
  keyId!: string;

  @Column('text')
  secretHash!: string;

  @Column('text')
  name!: string;

  @Column('uuid')
  orgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_api_key_org' })
  org?: OrganisationEntity;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('uuid', { nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
