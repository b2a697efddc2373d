import type { Command } from 'commander';
import { readSnapshot } from '../snapshot/io.ts';

export function register(program: Command): void {
  program
    .command('verify')
    .description("Check that a snapshot is intact: recompute its SHA-256 and compare it with the manifest's.")
    .argument('<snapshot>', 'snapshot file')
    .addHelpText('after', '\nExit codes: 0 intact; 2 malformed, or changed since it was written.')
    .action(async (file: string) => {
      const snapshot = await readSnapshot(file);
      const { collectedAt, caller, sha256 } = snapshot.manifest;
      process.stdout.write(`${file}: OK, sha256 ${sha256}, collected ${collectedAt} by ${caller.arn}\n`);
    });
}
