import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module';
import { SigningModule } from '../signing/signing.module';
import { TrustListController } from './trust-list.controller';
import { TrustListService } from './trust-list.service';

@Module({
  imports: [SigningModule, OrgsModule],
  controllers: [TrustListController],
  providers: [TrustListService],
  exports: [TrustListService],
})
export class TrustListModule {}
