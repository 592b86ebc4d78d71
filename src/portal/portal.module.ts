import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module';
import { TrustListModule } from '../trust-list/trust-list.module';
import { VerificationModule } from '../verification/verification.module';
import { PortalAssets } from './portal-assets';
import { PortalController } from './portal.controller';

@Module({
  imports: [VerificationModule, TrustListModule, OrgsModule],
  controllers: [PortalController],
  providers: [PortalAssets],
})
export class PortalModule {}
