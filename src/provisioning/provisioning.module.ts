import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { OrgsModule } from '../orgs/orgs.module';
import { SigningModule } from '../signing/signing.module';
import { ProvisioningService } from './provisioning.service';

@Module({
  imports: [OrgsModule, IdentityModule, SigningModule],
  providers: [ProvisioningService],
  exports: [ProvisioningService],
})
export class ProvisioningModule {}
