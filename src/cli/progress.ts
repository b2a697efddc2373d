import type { Progress } from '../collect/context.ts';

/** Progress lines on a terminal; nothing when stderr is a file or a pipe, so logs stay clean. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { done() {} };
  const started = Date.now();
  return {
    done(account, region, service, errors) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
      const note = errors > 0 ? `  (${errors} error${errors === 1 ? '' : 's'})` : '';
      stream.write(`${seconds}s  ${account}  ${region.padEnd(14)}  ${service}${note}\n`);
    },
  };
}
