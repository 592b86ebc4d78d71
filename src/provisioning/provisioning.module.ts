import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { OrgsModule } from '../orgs/orgs.module';
import { ProvisioningService } from './provisioning.service';

@Module({
  imports: [OrgsModule, IdentityModule],
  providers: [ProvisioningService],
  exports: [ProvisioningService],
})
export class ProvisioningModule {}
