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

/** BLANK-2/11: a consecutive serial range received from the ministry or the printer (a fact). */
@Entity('blank_receipts')
@Index('ix_blank_receipt_org', ['orgId', 'receivedOn'])
@Check(
  'ck_blank_receipt_range',
  `"first_number" <= "last_number" AND "quantity" = "last_number" - "first_number" + 1`,
)
export class BlankReceiptEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_blank_receipt' })
  id!: string;

  @Column('uuid')
  orgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'fk_blank_receipt_org' })
  org?: OrganisationEntity;

  @Column('text')
  credentialType!: string;

  @Column('text')
  serialPrefix!: string;

  @Column('smallint')
  digits!: number;

  @Column('bigint')
  firstNumber!: string;

  @Column('bigint')
  lastNumber!: string;

  @Column('int')
  quantity!: number;

  /** Who delivered: the ministry (VN-NARIC), a printing office... */
  @Column('text')
  receivedFrom!: string;

  /** Delivery note / decision number and date. */
  @Column('text')
  documentRef!: string;

  @Column('date')
  receivedOn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
