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
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';

export type KeyPurpose = 'log' | 'root' | 'issuer';

/**
 * Ed25519 signing keys (ARCHITECTURE §5). The private key is stored encrypted (AES-256-GCM with
 * KEY_ENCRYPTION_KEY). A key is never deleted: retiring sets `retiredAt` (no new signatures),
 * a compromise sets `compromisedAt` (signatures made after it are not trusted; earlier ones stay valid).
 */
@Entity('signing_keys')
@Unique('uq_signing_key_key_id', ['keyId'])
@Index('ix_signing_key_purpose', ['purpose', 'orgId'])
@Check('ck_signing_key_purpose', `"purpose" IN ('log', 'root', 'issuer')`)
@Check('ck_signing_key_algorithm', `"algorithm" = 'Ed25519'`)
export class SigningKeyEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_signing_key' })
  id!: string;

  /** Public identifier printed in signatures and the trust list, e.g. "log-20261125-3f9a". */
  @Column('text')
  keyId!: string;

  @Column('text')
  purpose!: KeyPurpose;

  @Column('uuid', { nullable: true })
  orgId!: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_signing_key_org' })
  org?: OrganisationEntity | null;

  @Column('text')
  algorithm!: 'Ed25519';

  /** Raw 32-byte Ed25519 public key. */
  @Column('bytea')
  publicKey!: Buffer;

  /** nonce (12) || ciphertext || tag (16) of the 32-byte private seed. */
  @Column('bytea')
  privateKeyEncrypted!: Buffer;

  /**
   * Issuer keys only: the key also signs for every organisation below its owner that has no key of
   * its own (a province signing for its communes and schools, ARCHITECTURE §5 "or per province").
   */
  @Column('boolean', { default: false })
  coversSubtree!: boolean;

  @Column('timestamptz')
  validFrom!: Date;

  @Column('timestamptz', { nullable: true })
  retiredAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  compromisedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
