/**
 * A mistake in what the user gave us (a bad flag, a broken rule file, a corrupt snapshot). The CLI prints the
 * message alone, without a stack trace, and exits with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}
