import type { RunningApp } from '../bootstrap';
import { OrgsService } from '../orgs/orgs.service';
import type { KeyPurpose, SigningKeyEntity } from '../signing/entities/signing-key.entity';
import { SigningService } from '../signing/signing.service';

export const KEYS_USAGE = `usage:
  keys list [log|root|issuer]
  keys create issuer <orgCode> [--subtree]      a key for an issuing organisation (--subtree: also signs
                                                for the organisations below it that have no key)
  keys rotate <log|root>
  keys rotate issuer <orgCode> [--subtree|--own] new key; the old one is retired (its signatures stay valid)
  keys retire <keyId>                           sign nothing more with it; its signatures stay valid
  keys compromise <keyId> <ISO time>            distrust signatures made from that time on`;

const out = (s: string) => process.stdout.write(s + '\n');

function describe(k: SigningKeyEntity, orgCode: string | undefined): string {
  return (
    `${k.purpose.padEnd(7)} ${k.keyId.padEnd(26)} ${(orgCode ?? '').padEnd(16)} from ${k.validFrom.toISOString()}` +
    `${k.coversSubtree ? ' +subtree' : ''}${k.retiredAt ? ` retired ${k.retiredAt.toISOString()}` : ''}` +
    `${k.compromisedAt ? ` COMPROMISED ${k.compromisedAt.toISOString()}` : ''}`
  );
}

/** `npm run cli -- keys ...`: key management is an operator's act, kept off the HTTP API. */
export async function keysCommand({ app }: RunningApp, args: string[]): Promise<number> {
  const signing = app.get(SigningService);
  const orgs = app.get(OrgsService);
  const [sub, a, b] = args;
  const flags = new Set(args.filter((x) => x.startsWith('--')));
  if (sub === 'list') {
    const codes = new Map<string, string>();
    for (const purpose of (a ? [a] : ['root', 'log', 'issuer']) as KeyPurpose[]) {
      for (const k of await signing.keys(purpose)) {
        if (k.orgId && !codes.has(k.orgId)) codes.set(k.orgId, (await orgs.getById(k.orgId)).code);
        out(describe(k, k.orgId ? codes.get(k.orgId) : undefined));
      }
    }
    return 0;
  }
  if (sub === 'create' && a === 'issuer' && b) {
    const org = await orgs.getByCode(b);
    const k = await signing.createKey('issuer', org.id, undefined, { coversSubtree: flags.has('--subtree') });
    out(`created ${describe(k, org.code)}`);
    return 0;
  }
  if (sub === 'rotate' && (a === 'log' || a === 'root')) {
    const r = await signing.rotate(a);
    out(`created ${r.created}${r.retired ? `; retired ${r.retired}` : ''}`);
    return 0;
  }
  if (sub === 'rotate' && a === 'issuer' && b) {
    const org = await orgs.getByCode(b);
    const cover = flags.has('--subtree') ? true : flags.has('--own') ? false : undefined;
    const r = await signing.rotate('issuer', org.id, { coversSubtree: cover });
    out(`created ${r.created}${r.retired ? `; retired ${r.retired}` : ''}`);
    return 0;
  }
  if (sub === 'retire' && a) {
    const k = await signing.retire(a);
    out(`retired ${describe(k, undefined)}`);
    return 0;
  }
  if (sub === 'compromise' && a && b && !Number.isNaN(Date.parse(b))) {
    await signing.markCompromised(a, new Date(b));
    out(`${a}: signatures from ${new Date(b).toISOString()} on are no longer trusted`);
    return 0;
  }
  process.stderr.write(KEYS_USAGE + '\n');
  return 2;
}
