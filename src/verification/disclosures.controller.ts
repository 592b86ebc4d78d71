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

export class PublishedIssuanceDto {
  @ApiProperty() decisionNo!: string;
  @ApiProperty() decidedOn!: string;
  @ApiProperty() schoolCode!: string;
  @ApiProperty() schoolNameVi!: string;
  @ApiProperty() schoolNameEn!: string;
  @ApiProperty() credentialType!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() count!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) firstSerialNumber!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastSerialNumber!: string | null;
}

export class DisclosureDto {
  @ApiProperty() issuerOrgCode!: string;
  @ApiProperty() issuerNameVi!: string;
  @ApiProperty() issuerNameEn!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: [PublishedIssuanceDto], description: 'Per graduation decision and issue date' })
  issued!: PublishedIssuanceDto[];
  @ApiProperty({ type: [PublishedRevocationDto] }) revocations!: PublishedRevocationDto[];
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

  /** PUB-1, PUB-7: the issuer's published issuance list (công khai) and revocations of a year. */
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: DisclosureDto })
  async disclosure(@Query() q: DisclosureQueryDto): Promise<DisclosureDto> {
    return disclosureOf(this.orgs, this.repo, q.issuerOrgCode, Number(q.year));
  }

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

export async function disclosureOf(
  orgs: OrgsService,
  repo: VerificationRepository,
  issuerOrgCode: string,
  year: number,
): Promise<DisclosureDto> {
  const issuer = await orgs.getByCode(issuerOrgCode);
  return {
    issuerOrgCode: issuer.code,
    issuerNameVi: issuer.nameVi,
    issuerNameEn: issuer.nameEn,
    year,
    issued: await repo.issuancesOf(issuer.id, year),
    revocations: await repo.revocationsOf(issuer.id, year),
  };
}
