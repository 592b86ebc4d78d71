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
import type { OrganisationKind } from '../org-kinds';

@Entity('organisations')
@Unique('uq_organisation_code', ['code'])
// text_pattern_ops index created by hand (migration AppendOnlyTables) for prefix matches
@Index('ix_organisation_path_prefix', { synchronize: false })
@Index('ix_organisation_parent', ['parentId'])
@Check(
  'ck_organisation_valid_window',
  `"valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from"`,
)
export class OrganisationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_organisation' })
  id!: string;

  @Column('text')
  code!: string;

  @Column('text')
  nameVi!: string;

  @Column('text')
  nameEn!: string;

  @Column('text')
  kind!: OrganisationKind;

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_organisation_parent' })
  parent?: OrganisationEntity | null;

  /** Materialised path `/<rootId>/.../<id>/`: subtree queries are a prefix match. */
  @Column('text')
  path!: string;

  @Column('int')
  depth!: number;

  /** Two-digit province code (Bến Tre 83, Hải Phòng 31...), null for national bodies. */
  @Column('text', { nullable: true })
  provinceCode!: string | null;

  /** The body printed above this one on documents (REG-4), e.g. "ỦY BAN NHÂN DÂN TỈNH BẾN TRE". */
  @Column('text', { nullable: true })
  superiorNameVi!: string | null;

  /** Place name printed before dates on documents (địa danh), e.g. "Bến Tre". */
  @Column('text', { nullable: true })
  placeName!: string | null;

  @Column('date', { nullable: true })
  validFrom!: string | null;

  /** Set when the body is abolished (ORG-1); it is never deleted. */
  @Column('date', { nullable: true })
  validTo!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
