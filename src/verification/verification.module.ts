import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrgsModule } from '../orgs/orgs.module';
import { RegisterModule } from '../register/register.module';
import { SigningModule } from '../signing/signing.module';
import { DisclosuresController } from './disclosures.controller';
import { QrVerificationService } from './qr-verification.service';
import { VerificationController } from './verification.controller';
import { VerificationRepository } from './verification.repository';
import { ForgerySignalsController } from './forgery-signals/forgery-signals.controller';
import { ForgerySignalsRepository } from './forgery-signals/forgery-signals.repository';
import { ForgerySignalsService } from './forgery-signals/forgery-signals.service';
import { PublicLookupService } from './public-lookup.service';
import { PublicRateLimits } from './rate-limit/public-rate-limits';

/** Public verification (PUB-*, PRINT-10): lookups by serial and by QR, disclosures, forgery signals. */
@Module({
  imports: [AuditModule, OrgsModule, RegisterModule, SigningModule],
  controllers: [VerificationController, DisclosuresController, ForgerySignalsController],
  providers: [
    QrVerificationService,
    PublicLookupService,
    VerificationRepository,
    ForgerySignalsRepository,
    ForgerySignalsService,
    PublicRateLimits,
  ],
  exports: [PublicLookupService, PublicRateLimits, VerificationRepository],
})
export class VerificationModule {}
