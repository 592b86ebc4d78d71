import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface OpenLoopResult {
  reqPerSec: number;
  latenciesMs: number[];
  non2xx: number;
  errors: number;
  wrong: number;
}

/**
 * A fixed offered load, open loop: request i is due at start + i/rate, whatever happened before, on
 * one of `connections` keep-alive sockets (queued in the agent when all are busy), and its latency runs
 * from when it was due, so a stall is charged to every request it delays (no coordinated omission).
 * autocannon's `overallRate` is not this: each connection sends back to back until its share of the
 * second is used up and then waits for the next second, a burst at full speed every second.
 */
export async function openLoop(o: {
  url: string;
  rate: number;
  durationS: number;
  connections: number;
  path: () => string;
  expect: string;
}): Promise<OpenLoopResult> {
  const target = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const total = Math.round(o.rate * o.durationS);
  const latenciesMs: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let wrong = 0;
  let finished = 0;
  const start = performance.now();
  const dueAt = (i: number) => start + (i * 1000) / o.rate;
  await new Promise<void>((resolve) => {
    const done = () => {
      if (++finished === total) resolve();
    };
    const send = (due: number) => {
      const req = request(
        { agent, host: target.hostname, port: target.port, path: o.path(), method: 'GET' },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latenciesMs.push(performance.now() - due);
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) non2xx++;
            else if (!Buffer.concat(chunks).toString('utf8').includes(o.expect)) wrong++;
            done();
          });
        },
      );
      req.on('error', () => {
        errors++;
        done();
      });
      req.end();
    };
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && dueAt(i) <= now) send(dueAt(i++));
      if (i < total) setTimeout(tick, Math.max(0, dueAt(i) - performance.now()));
    };
    tick();
  });
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  latenciesMs.sort((a, b) => a - b);
  return { reqPerSec: total / elapsedS, latenciesMs, non2xx, errors, wrong };
}
