import { ApiProperty } from '@nestjs/swagger';

export class TrustListKeyDto {
  @ApiProperty({ example: '3f9a01c2', description: 'First 4 bytes of SHA-256 of the raw public key, hex' })
  keyId!: string;
  @ApiProperty({ example: 'SGD-BTR' }) ownerOrgCode!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'Raw 32-byte Ed25519 public key, base64' }) publicKey!: string;
  @ApiProperty({ example: '2026-01-01', description: 'First signing date (Vietnam time)' })
  validFrom!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Last signing date, once retired' })
  validTo!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Signatures dated on or after this day are not trusted; earlier ones stay valid',
  })
  compromisedFrom!: string | null;
  @ApiProperty({ description: 'Also signs for organisations below its owner' }) coversSubtree!: boolean;
}

export class TrustListIssuerDto {
  @ApiProperty({ example: 'SGD-BTR' }) code!: string;
  @ApiProperty({ example: 'Sở Giáo dục và Đào tạo tỉnh Bến Tre' }) nameVi!: string;
  @ApiProperty({ example: 'Ben Tre Department of Education and Training' }) nameEn!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ nullable: true, type: String }) parentCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) dissolvedOn!: string | null;
  @ApiProperty({ type: [String] }) keyIds!: string[];
}

export class TrustListRootDto {
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'base64; pin it from the published documentation, not from here' })
  publicKey!: string;
}

export class TrustListDto {
  @ApiProperty({ enum: ['vbcc-trust-list'] }) format!: 'vbcc-trust-list';
  @ApiProperty({ enum: [1] }) version!: 1;
  @ApiProperty({ example: 'https://vanbang.moet.gov.vn' }) publisher!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ type: TrustListRootDto }) root!: TrustListRootDto;
  @ApiProperty({ type: [TrustListKeyDto] }) keys!: TrustListKeyDto[];
  @ApiProperty({ type: [TrustListIssuerDto] }) issuers!: TrustListIssuerDto[];
}

export class TrustListSignatureDto {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['RFC 8785'] }) canonicalization!: 'RFC 8785';
  @ApiProperty({ description: 'base64 Ed25519 signature over the RFC 8785 form of trustList' })
  value!: string;
}

export class SignedTrustListDto {
  @ApiProperty({ type: TrustListDto }) trustList!: TrustListDto;
  @ApiProperty({ type: TrustListSignatureDto }) signature!: TrustListSignatureDto;
}
