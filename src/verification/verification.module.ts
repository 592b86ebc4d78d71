import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module';
import { RegisterModule } from '../register/register.module';
import { SigningModule } from '../signing/signing.module';
import { DisclosuresController } from './disclosures.controller';
import { QrVerificationService } from './qr-verification.service';
import { VerificationController } from './verification.controller';
import { VerificationRepository } from './verification.repository';

/** Public verification (PUB-*, PRINT-10): the QR now; the serial and name search comes with the portal. */
@Module({
  imports: [OrgsModule, RegisterModule, SigningModule],
  controllers: [VerificationController, DisclosuresController],
  providers: [QrVerificationService, VerificationRepository],
})
export class VerificationModule {}
