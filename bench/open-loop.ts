import { appendFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface OpenLoopResult {
  reqPerSec: number;
  latenciesMs: number[];
  non2xx: number;
  errors: number;
  wrong: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/**
 * A fixed offered load, open loop: request i is due at start + i/rate, whatever happened before, on
 * one of `connections` keep-alive sockets (queued here when all are busy), and its latency runs from
 * when it was due, so a stall is charged to every request it delays (no coordinated omission).
 * autocannon's `overallRate` is not this: each connection sends back to back until its share of the
 * second is used up and then waits for the next second, a burst at full speed every second.
 *
 * It writes raw HTTP/1.1 on `net` sockets and reads only the status line, Content-Length and whether
 * the body holds `expect`: node:http's client cost 0.2 ms of CPU a request, a fifth of this 2-core
 * machine at 2,000 requests/s, taken from the server and PostgreSQL being measured.
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
  const port = Number(target.port);
  const total = Math.round(o.rate * o.durationS);
  const expect = Buffer.from(o.expect);
  const latenciesMs: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let wrong = 0;
  let finished = 0;
  const waiting: number[] = []; // due times of requests no socket was free for, oldest first
  let waitingHead = 0;
  const idle: Conn[] = [];
  const sockets: Socket[] = [];
  // BENCH_LATENCY_TRACE=file: "due-ms latency-ms" per request, to see when a tail happens.
  const trace: string[] | null = process.env.BENCH_LATENCY_TRACE ? [] : null;
  let start = 0;

  interface Conn {
    socket: Socket;
    due: number;
    buf: Buffer | null;
    busy: boolean;
  }

  let resolveDone!: () => void;
  const allDone = new Promise<void>((r) => (resolveDone = r));
  const done = () => {
    if (++finished === total) resolveDone();
  };

  const send = (c: Conn, due: number) => {
    if (c.socket.destroyed) {
      errors++;
      done();
      return;
    }
    c.due = due;
    c.buf = null;
    c.busy = true;
    c.socket.write(`GET ${o.path()} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: keep-alive\r\n\r\n`);
  };
  const next = (c: Conn) => {
    if (waitingHead < waiting.length) send(c, waiting[waitingHead++]);
    else idle.push(c);
  };
  const onData = (c: Conn, chunk: Buffer) => {
    const buf = c.buf ? Buffer.concat([c.buf, chunk]) : chunk;
    const headerEnd = buf.indexOf(HEADER_END);
    if (headerEnd < 0) return void (c.buf = buf);
    const head = buf.toString('latin1', 0, headerEnd);
    const length = CONTENT_LENGTH.exec(head);
    if (!length) throw new Error(`open-loop: a response without Content-Length from ${o.url}`);
    const bodyStart = headerEnd + HEADER_END.length;
    if (buf.length < bodyStart + Number(length[1])) return void (c.buf = buf);
    latenciesMs.push(performance.now() - c.due);
    if (trace) trace.push(`${(c.due - start).toFixed(1)} ${latenciesMs.at(-1)!.toFixed(2)}`);
    const status = Number(head.slice(9, 12));
    if (status < 200 || status > 299) non2xx++;
    else if (buf.indexOf(expect, bodyStart) < 0) wrong++;
    c.buf = null;
    c.busy = false;
    done();
    next(c);
  };

  await Promise.all(
    Array.from(
      { length: o.connections },
      () =>
        new Promise<void>((resolve, reject) => {
          const socket = connect({ host: target.hostname, port, noDelay: true }, () => {
            const c: Conn = { socket, due: 0, buf: null, busy: false };
            socket.on('data', (chunk: Buffer) => onData(c, chunk));
            // A connection lost mid-run fails its request; the others carry the rest of the load.
            socket.on('close', () => {
              if (!c.busy) return;
              c.busy = false;
              errors++;
              done();
            });
            idle.push(c);
            resolve();
          });
          socket.on('error', reject);
          sockets.push(socket);
        }),
    ),
  );

  start = performance.now();
  const dueAt = (i: number) => start + (i * 1000) / o.rate;
  let i = 0;
  const tick = () => {
    const now = performance.now();
    while (i < total && dueAt(i) <= now) {
      const due = dueAt(i++);
      const c = idle.shift(); // oldest idle first: every socket stays in use, none idles into a keep-alive timeout
      if (c) send(c, due);
      else waiting.push(due);
    }
    if (i < total) setTimeout(tick, Math.max(0, dueAt(i) - performance.now()));
  };
  tick();
  await allDone;
  const elapsedS = (performance.now() - start) / 1000;
  for (const s of sockets) s.destroy();
  if (trace) appendFileSync(process.env.BENCH_LATENCY_TRACE!, `# ${o.url}\n${trace.join('\n')}\n`);
  latenciesMs.sort((a, b) => a - b);
  return { reqPerSec: total / elapsedS, latenciesMs, non2xx, errors, wrong };
}
