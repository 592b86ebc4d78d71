import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Path parameter `:code` of an organisation. */
export class OrgCodeParam {
  @ApiProperty({ example: 'SGD-BTR' })
  @Matches(/^[A-Z0-9][A-Z0-9._-]{1,39}$/, { message: 'not an organisation code' })
  code!: string;
}

/** Path parameter `:id` that must be a UUID. */
export class UuidParam {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'not a UUID' })
  id!: string;
}
