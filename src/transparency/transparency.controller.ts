import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/access.decorators';
import { AppError } from '../common/errors/app-error';
import {
  CheckpointDto,
  ConsistencyProofDto,
  ConsistencyQueryDto,
  CosignDto,
  CosignResultDto,
  InclusionProofDto,
  InclusionQueryDto,
  LeavesDto,
  LeavesQueryDto,
  LogKeyListDto,
  TreeSizeParam,
} from './dto/transparency.dto';
import { type Checkpoint, TransparencyService } from './transparency.service';

const b64 = (b: Buffer) => b.toString('base64');
const toCheckpoint = (c: Checkpoint): CheckpointDto => ({
  origin: c.origin,
  treeSize: c.treeSize,
  rootHash: b64(c.rootHash),
  note: c.note,
});

/** Public transparency log (API.md "Transparency log"): hashes only, never personal data. */
@ApiTags('transparency')
@Controller('api/v1/public/transparency')
export class TransparencyController {
  constructor(private readonly log: TransparencyService) {}

  @Get('checkpoint')
  @Public()
  @ApiOkResponse({ type: CheckpointDto })
  async checkpoint(): Promise<CheckpointDto> {
    return toCheckpoint(await this.log.latestCheckpoint());
  }

  @Get('checkpoints/:treeSize')
  @Public()
  @ApiOkResponse({ type: CheckpointDto })
  async checkpointAt(@Param() p: TreeSizeParam): Promise<CheckpointDto> {
    return toCheckpoint(await this.log.checkpointAt(p.treeSize));
  }

  @Get('inclusion')
  @Public()
  @ApiOkResponse({ type: InclusionProofDto })
  async inclusion(@Query() q: InclusionQueryDto): Promise<InclusionProofDto> {
    const treeSize = q.treeSize ?? (await this.log.latestCheckpoint()).treeSize;
    const { leafHash, auditPath } = await this.log.inclusion(q.leafIndex, treeSize);
    return { leafIndex: q.leafIndex, treeSize, leafHash: b64(leafHash), auditPath: auditPath.map(b64) };
  }

  @Get('consistency')
  @Public()
  @ApiOkResponse({ type: ConsistencyProofDto })
  async consistency(@Query() q: ConsistencyQueryDto): Promise<ConsistencyProofDto> {
    return { from: q.from, to: q.to, proof: (await this.log.consistency(q.from, q.to)).map(b64) };
  }

  @Get('leaves')
  @Public()
  @ApiOkResponse({ type: LeavesDto })
  async leaves(@Query() q: LeavesQueryDto): Promise<LeavesDto> {
    if (q.end < q.start || q.end - q.start > 1000) {
      throw new AppError('VALIDATION_FAILED', 'Ask for at most 1000 leaves, with start <= end', {
        errors: [{ field: 'end', code: 'OUT_OF_RANGE', message: 'start <= end <= start + 1000' }],
      });
    }
    return { start: q.start, leafHashes: (await this.log.leaves(q.start, q.end)).map(b64) };
  }

  @Get('keys')
  @Public()
  @ApiOkResponse({ type: LogKeyListDto })
  async keys(): Promise<LogKeyListDto> {
    const keys = await this.log.verifierKeys();
    return {
      items: keys.map((k) => ({
        keyId: k.keyId,
        verifierKey: k.verifierKey,
        validFrom: k.validFrom.toISOString(),
        retiredAt: k.retiredAt?.toISOString() ?? null,
        compromisedAt: k.compromisedAt?.toISOString() ?? null,
      })),
    };
  }

  /** Witnesses are authenticated by their signatures (WITNESS_KEYS), not by an account. */
  @Post('cosignatures')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: CosignResultDto })
  cosign(@Body() dto: CosignDto): Promise<CosignResultDto> {
    return this.log.cosign(dto.treeSize, dto.note);
  }
}
