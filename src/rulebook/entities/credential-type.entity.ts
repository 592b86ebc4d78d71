import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

export const CREDENTIAL_KINDS = [
  'lowerSecondaryDiploma',
  'upperSecondaryDiploma',
  'generalEducationCompletion',
  'certificate',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Credential types the registry handles; the short `code` is what clients send (THCS, THPT, GCNHT, CC). */
@Entity('credential_types')
@Unique('uq_credential_type_kind', ['kind'])
@Check(
  'ck_credential_type_kind',
  `"kind" IN ('lowerSecondaryDiploma', 'upperSecondaryDiploma', 'generalEducationCompletion', 'certificate')`,
)
export class CredentialTypeEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_credential_type' })
  code!: string;

  @Column('text')
  kind!: CredentialKind;

  @Column('text')
  nameVi!: string;

  @Column('text')
  nameEn!: string;

  /** Whether issuance uses numbered blank forms (phôi); the completion certificate does not (CERT-6). */
  @Column('boolean')
  usesBlanks!: boolean;

  @Column('int')
  sortOrder!: number;
}
