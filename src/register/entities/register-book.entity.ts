import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../orgs/entities/organisation.entity';

/**
 * REG-3, NUM-3: one master register per issuing body, credential type and year. The row also holds
 * the gapless counter (`lastSequence`), allocated under a row lock in the issuing transaction, and the
 * year-end closing (REG-7). Its custodian may change later (custody module); its numbering never does.
 */
@Entity('register_books')
@Unique('uq_register_book', ['issuerOrgId', 'credentialType', 'year'])
export class RegisterBookEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_register_book' })
  id!: string;

  @Column('uuid')
  issuerOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_org_id', foreignKeyConstraintName: 'fk_register_book_issuer' })
  issuerOrg?: OrganisationEntity;

  @Column('text')
  credentialType!: string;

  @Column('int')
  year!: number;

  @Column('int', { default: 0 })
  lastSequence!: number;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;

  @Column('text', { nullable: true })
  closedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
