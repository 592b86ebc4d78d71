/**
 * Benchmark runner: `npm run bench -- NAME [options]`. Each benchmark is bench/<name>.bench.ts
 * exporting `run(args)`, which prints its own table and returns rows that are also written to
 * bench/results/<name>-<timestamp>.json together with the machine description.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .map((f) => f.replace(/\.bench\.js$/, ''));
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
    process.exit(2);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(__dirname, `${name}.bench.js`)) as { run(args: string[]): Promise<BenchResult> };
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
  console.log(
    `# ${name} on ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}`,
  );
  const result = await mod.run(args);
  console.table(result.rows);
  for (const n of result.notes ?? []) console.log(`- ${n}`);
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}-${Date.now()}.json`), JSON.stringify({ machine, ...result }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
