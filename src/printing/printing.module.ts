import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FactsModule } from '../facts/facts.module';
import { JobsModule } from '../jobs/jobs.module';
import { OrgsModule } from '../orgs/orgs.module';
import { RegisterModule } from '../register/register.module';
import { RulebookModule } from '../rulebook/rulebook.module';
import { SigningModule } from '../signing/signing.module';
import { CalibrationsController } from './calibrations.controller';
import { CalibrationsRepository } from './calibrations.repository';
import { CalibrationsService } from './calibrations.service';
import { DiplomaQrService } from './diploma-qr.service';
import { PrintingController } from './printing.controller';
import { PrintingRepository } from './printing.repository';
import { PrintingService } from './printing.service';

/** Diploma documents (issue 6): PDFs per template version, calibrated overlays, print jobs, misprints. */
@Module({
  imports: [AuditModule, OrgsModule, RulebookModule, RegisterModule, SigningModule, JobsModule, FactsModule],
  controllers: [PrintingController, CalibrationsController],
  providers: [
    PrintingRepository,
    PrintingService,
    CalibrationsRepository,
    CalibrationsService,
    DiplomaQrService,
  ],
  exports: [DiplomaQrService],
})
export class PrintingModule {}
