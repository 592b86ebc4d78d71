import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '../../common/validation/iso-date';
import { NAME_MAX_LENGTH, NAME_MESSAGE, NAME_PATTERN, SERIAL_MESSAGE, SERIAL_PATTERN } from './lookup-rules';

export class QrPayloadParam {
  @ApiProperty({ description: 'The digits after "#" in the QR URL (docs/QR-FORMAT.md)' })
  @Matches(/^[0-9]{1,1200}$/, { message: 'a QR payload is 1 to 1200 digits' })
  payload!: string;
}

/** The QR status check as a body, so the holder's data is not in a URL (the portal uses this). */
export class QrPayloadBody extends QrPayloadParam {}

/** PUB-4: the serial plus the two printed fields; never a name alone. */
export class LookupQueryDto {
  @ApiProperty({ example: 'BT0123456', description: 'Số hiệu văn bằng as printed (NUM-7)' })
  @IsString()
  @Matches(SERIAL_PATTERN, { message: SERIAL_MESSAGE })
  serialNumber!: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  @Matches(NAME_PATTERN, { message: NAME_MESSAGE })
  fullName!: string;

  @ApiProperty({ example: '2008-09-14' })
  @IsIsoDate()
  dateOfBirth!: string;
}

export class CheckDto {
  @ApiProperty({ enum: ['format', 'key', 'signature', 'register', 'status'] }) type!: string;
  @ApiProperty({ enum: ['pass', 'fail'] }) status!: string;
  @ApiPropertyOptional({
    description:
      'format: (a payload that does not parse is 400 QR_PAYLOAD_INVALID); key: unknownIssuer, unknownKey, notIssuersKey, outsideValidity, compromised, signedInFuture; signature: badSignature; register: notInRegister (any mismatch with the register, PUB-6: an unknown serial and other data for a known serial answer alike); status: revoked, replaced',
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

export class PublicSchoolDto {
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
}

export class PublicCorrectionDto {
  @ApiProperty() decisionNo!: string;
  @ApiProperty() decidedOn!: string;
}

export class PublicDiplomaDto {
  @ApiProperty() credentialType!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) serialNumber!: string | null;
  @ApiProperty() registerEntryNumber!: string;
  @ApiProperty({ type: PublicIssuerDto }) issuer!: PublicIssuerDto;
  @ApiProperty({ type: PublicSchoolDto }) school!: PublicSchoolDto;
  @ApiProperty() graduationYear!: number;
  @ApiProperty() issuedOn!: string;
  @ApiProperty({ enum: ['valid', 'replaced', 'revoked'] }) status!: string;
  @ApiProperty() hasCorrections!: boolean;
  @ApiProperty({ type: [PublicCorrectionDto], description: 'CORR-6: correction decisions, oldest first' })
  corrections!: PublicCorrectionDto[];
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
