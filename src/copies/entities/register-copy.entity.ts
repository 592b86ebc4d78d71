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
import { RegisterEntryEntity } from '../../register/entities/register-entry.entity';
import type { CopyContent } from '../copy-content';
import { CopyRequestEntity } from './copy-request.entity';

/**
 * COPY-6/7, NUM-6: one copy from the register (bản sao từ sổ gốc), a row of the custodian's copy
 * register (sổ cấp bản sao). A fact: it holds what was certified (the register's content on the copy
 * date) and the signed QR printed on it, so the copy prints the same whenever it is downloaded.
 */
@Entity('register_copies')
// NUM-6: gapless from 1 per custodian, credential type (one copy register per type, COPY-6) and year.
@Unique('uq_register_copy_sequence', ['custodianOrgId', 'credentialType', 'year', 'copySequence'])
@Index('ix_register_copy_request', ['requestId'])
@Index('ix_register_copy_entry', ['entryId'])
export class RegisterCopyEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_register_copy' })
  id!: string;

  @Column('uuid')
  requestId!: string;

  @ManyToOne(() => CopyRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_register_copy_request' })
  request?: CopyRequestEntity;

  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_register_copy_entry' })
  entry?: RegisterEntryEntity;

  @Column('uuid')
  custodianOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_org_id', foreignKeyConstraintName: 'fk_register_copy_custodian' })
  custodianOrg?: OrganisationEntity;

  @Column('text')
  credentialType!: string;

  @Column('int')
  year!: number;

  @Column('int')
  copySequence!: number;

  /** Số vào sổ cấp bản sao, rendered through `copy.numberFormat`; never the original's number (NUM-6). */
  @Column('text')
  copyEntryNumber!: string;

  @Column('date')
  copiedOn!: string;

  @Column('text')
  signerName!: string;

  @Column('text')
  signerTitle!: string;

  /** PRINT-7: the register's current content on the copy date (CORR-9), as printed. */
  @Column('jsonb')
  content!: CopyContent;

  /** PRINT-10: the signed QR payload printed on the copy, and the key that signed it. */
  @Column('text')
  qrPayload!: string;

  @Column('text')
  qrKeyId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
