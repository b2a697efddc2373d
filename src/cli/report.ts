import type { Command } from 'commander';

// STUB: the owner of the `report` command replaces this file; cli.ts calls register().
export function register(_program: Command): void {}
