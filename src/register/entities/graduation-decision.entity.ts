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

export const STUDY_MODES = ['regular', 'continuingEducation'] as const;
export type StudyMode = (typeof STUDY_MODES)[number];
export const MEDIA = ['paper', 'digital', 'both'] as const;
export type Medium = (typeof MEDIA)[number];

/** ISSUE-2: the graduation recognition decision every register entry rests on (a fact). */
@Entity('graduation_decisions')
@Unique('uq_graduation_decision_no', ['schoolOrgId', 'credentialType', 'decisionNo'])
@Index('ix_graduation_decision_school', ['schoolOrgId', 'graduationYear'])
@Check('ck_graduation_decision_study_mode', `"study_mode" IN ('regular', 'continuingEducation')`)
@Check('ck_graduation_decision_medium', `"medium" IN ('paper', 'digital', 'both')`)
export class GraduationDecisionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_graduation_decision' })
  id!: string;

  @Column('text')
  decisionNo!: string;

  @Column('date')
  decidedOn!: string;

  @Column('text')
  credentialType!: string;

  @Column('uuid')
  schoolOrgId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_org_id', foreignKeyConstraintName: 'fk_graduation_decision_school' })
  school?: OrganisationEntity;

  @Column('int')
  graduationYear!: number;

  /** THPT: exam sitting / date (REG-4). */
  @Column('text', { nullable: true })
  examSession!: string | null;

  @Column('text', { nullable: true })
  examCouncil!: string | null;

  @Column('text')
  studyMode!: StudyMode;

  /** ISSUE-8: paper, digital or both (deadlines differ, ISSUE-4). */
  @Column('text', { default: 'paper' })
  medium!: Medium;

  @Column('text')
  signerName!: string;

  @Column('text')
  signerTitle!: string;

  /** The organisation whose staff recorded the decision. */
  @Column('uuid')
  recordedByOrgId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
