import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES } from '../../common/auth/roles';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple 1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class SessionUserDto {
  @ApiProperty() username!: string;
  @ApiProperty() orgCode!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
}

export class LoginResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'ISO 8601 time' }) expiresAt!: string;
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
}

export class MeDto extends SessionUserDto {
  @ApiProperty({ enum: ['user', 'apiKey'] }) kind!: string;
  @ApiProperty() name!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 10 characters, letters and digits, not containing the username' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword!: string;
}
