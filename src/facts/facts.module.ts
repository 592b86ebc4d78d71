import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TransparencyModule } from '../transparency/transparency.module';
import { FactLogService } from './fact-log.service';
import { FactVerifier } from './fact-verifier';
import { FactsRepository } from './facts.repository';

@Module({
  imports: [AuditModule, TransparencyModule],
  providers: [FactsRepository, FactLogService, FactVerifier],
  exports: [FactLogService, FactVerifier],
})
export class FactsModule {}
