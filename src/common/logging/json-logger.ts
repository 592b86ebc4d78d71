import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../../config/app-config';
import { requestContext } from '../context/request-context';
import { redact } from './redact';

export type LogSink = (line: string) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Structured JSON lines on stdout. Every field passes through redact(), so secrets and personal
 * data are dropped by key name even when a caller forgets; messages never include request bodies.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly sink: LogSink = (line) => process.stdout.write(line + '\n'),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  /** Structured event: `event` names what happened, `fields` are redacted. */
  event(level: Exclude<LogLevel, 'silent'>, event: string, fields: Record<string, unknown> = {}): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const ctx = requestContext.get();
    this.sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        event,
        requestId: ctx?.requestId,
        ...(redact(fields) as Record<string, unknown>),
      }),
    );
  }

  private write(level: Exclude<LogLevel, 'silent'>, message: unknown, rest: unknown[]): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    // Nest passes the context (class name) last; an Error's stack may come before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const err = message instanceof Error ? message : rest.find((r): r is Error => r instanceof Error);
    const stack = err?.stack ?? (typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined);
    const ctx = requestContext.get();
    this.sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        context,
        requestId: ctx?.requestId,
        msg:
          message instanceof Error
            ? message.message
            : typeof message === 'string'
              ? message
              : redact(message),
        stack,
      }),
    );
  }
}
