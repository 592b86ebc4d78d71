import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { RegisterEntryEntity } from './register-entry.entity';

/** HAND-1/2: the diploma handed to the holder or a proxy (ký nhận). A fact; once per diploma. */
@Entity('handovers')
@Unique('uq_handover_entry', ['entryId'])
@Check('ck_handover_relationship', `"relationship" IN ('self', 'proxy')`)
@Check('ck_handover_proxy_authorisation', `"relationship" = 'self' OR "authorisation_ref" IS NOT NULL`)
export class HandoverEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_handover' })
  id!: string;

  @Column('uuid')
  entryId!: string;

  @ManyToOne(() => RegisterEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_handover_entry' })
  entry?: RegisterEntryEntity;

  @Column('date')
  receivedOn!: string;

  @Column('text')
  receiverName!: string;

  @Column('text')
  receiverPersonalIdNumber!: string;

  @Column('text')
  relationship!: 'self' | 'proxy';

  /** HAND-2: the holder's authorisation letter, required for a proxy. */
  @Column('text', { nullable: true })
  authorisationRef!: string | null;

  /** HAND-1: the receiver checked the data before signing. */
  @Column('boolean')
  dataChecked!: boolean;

  @Column('uuid')
  recordedByOrgId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
