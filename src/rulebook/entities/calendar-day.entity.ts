import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Exceptions to Monday–Friday (RULES §0): official holidays and compensatory days off, and the
 * Saturdays declared working days in exchange (làm bù).
 */
@Entity('calendar_days')
@Check('ck_calendar_day_kind', `"kind" IN ('holiday', 'workingDay')`)
export class CalendarDayEntity {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'pk_calendar_day' })
  day!: string;

  @Column('text')
  kind!: 'holiday' | 'workingDay';

  @Column('text')
  nameVi!: string;

  @Column('text')
  nameEn!: string;

  @Column('text', { nullable: true })
  legalBasis!: string | null;
}
