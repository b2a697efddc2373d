import type { Command } from 'commander';

// STUB: the owner of this command replaces this file; its parent calls register().
export function register(_parent: Command): void {}
