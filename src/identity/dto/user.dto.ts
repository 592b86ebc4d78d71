import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { ROLES, type Role } from '../../common/auth/roles';
import { PageQueryDto } from '../../common/pagination/pagination';
import type { UserWithOrg } from '../users.repository';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'nguyen.van.an', description: 'Lower-case letters, digits, . _ - (3-50)' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3-50 lower-case letters, digits, ".", "_" or "-"' })
  username!: string;

  @ApiProperty({ description: 'At least 10 characters, letters and digits, not containing the username' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: 'SGD-BTR' })
  @Matches(/^[A-Z0-9][A-Z0-9._-]{1,39}$/)
  orgCode!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ example: 'Nguyễn Văn An' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9._-]{1,39}$/)
  orgCode?: string;
}

export class UsernameParam {
  @ApiProperty()
  @Matches(USERNAME_PATTERN, { message: 'not a username' })
  username!: string;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty() orgCode!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty() disabled!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) lockedUntil!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastLoginAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toUserResponse(u: UserWithOrg): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    orgCode: u.orgCode,
    roles: u.roles,
    disabled: !!u.disabledAt,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
