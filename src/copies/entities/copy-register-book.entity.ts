import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';

/**
 * NUM-6, COPY-6: a custodian's copy register (sổ cấp bản sao) for a credential type and year. The row
 * is the gapless counter (`lastSequence`), allocated under a row lock in the transaction that inserts
 * the copies. Mutable state, not a fact: the copies themselves are the facts.
 */
@Entity('copy_register_books')
@Unique('uq_copy_register_book', ['custodianOrgId', 'credentialType', 'year'])
export class CopyRegisterBookEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_copy_register_book' })
  id!: string;

  @Column('uuid')
  custodianOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_org_id', foreignKeyConstraintName: 'fk_copy_register_book_custodian' })
  custodianOrg?: OrganisationEntity;

  @Column('text')
  credentialType!: string;

  @Column('int')
  year!: number;

  @Column('int', { default: 0 })
  lastSequence!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
