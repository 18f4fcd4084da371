/** The Teams SDK logs through our pino logger (same redaction, same destination, same level). */
import type { AppOptions } from '@microsoft/teams.apps';
import type { Logger } from '../../log.js';

type SdkLogger = NonNullable<AppOptions<never>['logger']>;
type Level = Parameters<SdkLogger['log']>[0];

export function sdkLogger(log: Logger, name = 'teams-sdk'): SdkLogger {
  const emit = (level: Level, msg: unknown[]) => {
    const text = msg.filter((m) => typeof m === 'string').join(' ');
    const err = msg.find((m) => m instanceof Error);
    const data = msg.filter((m) => typeof m !== 'string' && !(m instanceof Error));
    log[level]({ sdk: name, ...(err ? { err } : {}), ...(data.length ? { data: data.length === 1 ? data[0] : data } : {}) }, text);
  };
  return {
    debug: (...m: unknown[]) => emit('debug', m),
    info: (...m: unknown[]) => emit('info', m),
    warn: (...m: unknown[]) => emit('warn', m),
    error: (...m: unknown[]) => emit('error', m),
    trace: (...m: unknown[]) => emit('trace', m),
    log: (level: Level, ...m: unknown[]) => emit(level, m),
    child: (child: string) => sdkLogger(log, `${name}/${child}`),
  };
}
