import { Entity, PrimaryColumn } from 'typeorm';

/** Queue of entries committed but not yet in the tree; the integrator takes and deletes them. */
@Entity('log_pending')
export class LogPendingEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_log_pending' })
  entryId!: string;
}
