import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Public } from '../common/auth/access.decorators';
import { OrgsService } from '../orgs/orgs.service';
import { VerificationRepository } from './verification.repository';

export class DisclosureQueryDto {
  @ApiProperty({ example: 'SGD-BTR' }) @Matches(/^[A-Z0-9][A-Z0-9._-]{1,39}$/) issuerOrgCode!: string;
  @ApiProperty({ example: '2026' })
  @Matches(/^(19|20)\d{2}$/, { message: 'a year from 1900 to 2099' })
  year!: string;
}

export class PublishedRevocationDto {
  @ApiProperty() decisionNo!: string;
  @ApiProperty() decidedOn!: string;
  @ApiProperty({ description: 'REVOKE-1 ground code' }) ground!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) publicNote!: string | null;
  @ApiProperty() credentialType!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) serialNumber!: string | null;
  @ApiProperty() registerEntryNumber!: string;
  @ApiProperty() issuedOn!: string;
}

export class RevocationDisclosureDto {
  @ApiProperty() issuerOrgCode!: string;
  @ApiProperty() issuerNameVi!: string;
  @ApiProperty() issuerNameEn!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [PublishedRevocationDto] }) items!: PublishedRevocationDto[];
}

/**
 * REVOKE-4, PUB-7: revocation decisions are published. Read straight from the revocation facts, so a
 * decision is listed as soon as its transaction commits. No holder names: the serial, the register
 * number and the decision identify the diploma (PUB-4).
 */
@ApiTags('public')
@Controller('api/v1/public/disclosures')
export class DisclosuresController {
  constructor(
    private readonly orgs: OrgsService,
    private readonly repo: VerificationRepository,
  ) {}

  @Get('revocations')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: RevocationDisclosureDto })
  async revocations(@Query() q: DisclosureQueryDto): Promise<RevocationDisclosureDto> {
    const issuer = await this.orgs.getByCode(q.issuerOrgCode);
    return {
      issuerOrgCode: issuer.code,
      issuerNameVi: issuer.nameVi,
      issuerNameEn: issuer.nameEn,
      year: Number(q.year),
      items: await this.repo.revocationsOf(issuer.id, Number(q.year)),
    };
  }
}
