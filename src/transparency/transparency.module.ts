import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module';
import { TransparencyController } from './transparency.controller';
import { TransparencyRepository } from './transparency.repository';
import { TransparencyService } from './transparency.service';
import { TreeVerifier } from './tree-verifier';

@Module({
  imports: [SigningModule],
  controllers: [TransparencyController],
  providers: [TransparencyRepository, TransparencyService, TreeVerifier],
  exports: [TransparencyService, TreeVerifier],
})
export class TransparencyModule {}
