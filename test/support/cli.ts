// Runs `soc2` (cli.ts) as a user would, in a child process, and captures how it ended.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CLI = join(import.meta.dirname, '..', '..', 'cli.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working directory (relative paths in `args` are read from it); the test runner's own when omitted. */
  cwd?: string;
  /** Variables added to this process's environment. */
  env?: Record<string, string>;
}

/** Never throws on a non-zero exit: the exit code is part of what a test asserts. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
