import { CopyRegisterBookEntity } from '../copies/entities/copy-register-book.entity';
import { CopyRequestEntity } from '../copies/entities/copy-request.entity';
import { RegisterCopyEntity } from '../copies/entities/register-copy.entity';
import { CopyRefusalEntity } from '../copies/entities/copy-refusal.entity';
import { AuditEventEntity } from '../audit/entities/audit-event.entity';
import { JobEntity } from '../jobs/entities/job.entity';
import { DiplomaPrintEntity } from '../printing/entities/diploma-print.entity';
import { PrintCalibrationEntity } from '../printing/entities/print-calibration.entity';
import { GraduateEntity } from '../register/entities/graduate.entity';
import { GraduationDecisionEntity } from '../register/entities/graduation-decision.entity';
import { HandoverEntity } from '../register/entities/handover.entity';
import { IssuanceEntity } from '../register/entities/issuance.entity';
import { RegisterBookClosureEntity } from '../register/entities/register-book-closure.entity';
import { RegisterBookEntity } from '../register/entities/register-book.entity';
import { RegisterEntrySerialEntity } from '../register/entities/register-entry-serial.entity';
import { RevocationEntity } from '../register/entities/revocation.entity';
import { CorrectionEntity } from '../register/entities/correction.entity';
import { ReissueEntity } from '../register/entities/reissue.entity';
import { RegisterCustodyTransferEntity } from '../register/entities/register-custody-transfer.entity';
import { RegisterEntryEntity } from '../register/entities/register-entry.entity';
import { BlankMovementEntity } from '../blanks/entities/blank-movement.entity';
import { BlankReceiptEntity } from '../blanks/entities/blank-receipt.entity';
import { BlankRecordEntity } from '../blanks/entities/blank-record.entity';
import { BlankEntity } from '../blanks/entities/blank.entity';
import { OutboxEventEntity } from '../facts/entities/outbox-event.entity';
import { SigningKeyEntity } from '../signing/entities/signing-key.entity';
import { LogCheckpointEntity } from '../transparency/entities/log-checkpoint.entity';
import { LogCosignatureEntity } from '../transparency/entities/log-cosignature.entity';
import { LogEntryEntity } from '../transparency/entities/log-entry.entity';
import { LogLeafEntity } from '../transparency/entities/log-leaf.entity';
import { LogNodeEntity } from '../transparency/entities/log-node.entity';
import { LogPendingEntity } from '../transparency/entities/log-pending.entity';
import { ApiKeyEntity } from '../identity/entities/api-key.entity';
import { UserEntity } from '../identity/entities/user.entity';
import { CustodyAssignmentEntity } from '../custody/entities/custody-assignment.entity';
import { OrganisationSuccessionEntity } from '../orgs/entities/organisation-succession.entity';
import { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { CalendarDayEntity } from '../rulebook/entities/calendar-day.entity';
import { CredentialTypeEntity } from '../rulebook/entities/credential-type.entity';
import { ForgerySignalEntity } from '../verification/forgery-signals/forgery-signal.entity';
import { SettingEntity } from '../rulebook/entities/setting.entity';

/** Every entity, listed explicitly (no globbing) so the app, the CLI and the migration check agree. */
export const ENTITIES = [
  OrganisationEntity,
  OrganisationSuccessionEntity,
  CustodyAssignmentEntity,
  UserEntity,
  ApiKeyEntity,
  AuditEventEntity,
  CredentialTypeEntity,
  SettingEntity,
  CalendarDayEntity,
  SigningKeyEntity,
  LogEntryEntity,
  LogPendingEntity,
  LogLeafEntity,
  LogNodeEntity,
  LogCheckpointEntity,
  LogCosignatureEntity,
  OutboxEventEntity,
  BlankReceiptEntity,
  BlankEntity,
  BlankMovementEntity,
  BlankRecordEntity,
  JobEntity,
  GraduationDecisionEntity,
  GraduateEntity,
  RegisterBookEntity,
  RegisterEntryEntity,
  IssuanceEntity,
  HandoverEntity,
  RegisterBookClosureEntity,
  RegisterCustodyTransferEntity,
  RegisterEntrySerialEntity,
  RevocationEntity,
  CorrectionEntity,
  ReissueEntity,
  DiplomaPrintEntity,
  PrintCalibrationEntity,
  CopyRequestEntity,
  RegisterCopyEntity,
  CopyRefusalEntity,
  CopyRegisterBookEntity,
  ForgerySignalEntity,
];
