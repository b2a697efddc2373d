import type { Command } from 'commander';
import { register as registerValidate } from './rules-validate.ts';
import { register as registerList } from './rules-list.ts';
import { register as registerTest } from './rules-test.ts';

/** `soc2 rules ...`: tools for people who write and review rule packs. */
export function register(program: Command): void {
  const rules = program.command('rules').description('Validate, list and test rule packs.');
  registerValidate(rules);
  registerList(rules);
  registerTest(rules);
}
