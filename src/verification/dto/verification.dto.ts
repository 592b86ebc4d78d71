import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class QrPayloadParam {
  @ApiProperty({ description: 'The digits after "#" in the QR URL (docs/QR-FORMAT.md)' })
  @Matches(/^[0-9]{1,1200}$/, { message: 'a QR payload is 1 to 1200 digits' })
  payload!: string;
}

export class CheckDto {
  @ApiProperty({ enum: ['format', 'key', 'signature', 'register', 'status'] }) type!: string;
  @ApiProperty({ enum: ['pass', 'fail'] }) status!: string;
  @ApiPropertyOptional({
    description:
      'format: (a payload that does not parse is 400 QR_PAYLOAD_INVALID); key: unknownIssuer, unknownKey, notIssuersKey, outsideValidity, compromised, signedInFuture; signature: badSignature; register: notInRegister (any mismatch with the register, PUB-6)',
  })
  reason?: string;
}

export class PublicIssuerDto {
  @ApiProperty() code!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
}

export class PublicStatusDetailDto {
  @ApiProperty({ enum: ['revocation', 'reissue'] }) kind!: string;
  @ApiProperty() decisionNo!: string;
  @ApiProperty() decidedOn!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) publicNote!: string | null;
}

export class PublicDiplomaDto {
  @ApiProperty() credentialType!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) serialNumber!: string | null;
  @ApiProperty() registerEntryNumber!: string;
  @ApiProperty({ type: PublicIssuerDto }) issuer!: PublicIssuerDto;
  @ApiProperty() issuedOn!: string;
  @ApiProperty({ enum: ['valid', 'replaced', 'revoked', 'suspended'] }) status!: string;
  @ApiPropertyOptional({
    type: PublicStatusDetailDto,
    description: 'The decision behind a status other than valid',
  })
  statusDetail?: PublicStatusDetailDto;
}

export class VerificationDto {
  @ApiProperty({ enum: ['match', 'noMatch'] }) result!: string;
  @ApiProperty({ type: [CheckDto] }) checks!: CheckDto[];
  @ApiPropertyOptional({ type: PublicDiplomaDto, description: 'Only on a match' }) diploma?: PublicDiplomaDto;
}
