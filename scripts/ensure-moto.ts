// Makes sure the tests have moto's server: one on the PATH, or one installed into ./.venv from PyPI.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const MOTO_REQUIREMENT = 'moto[server]>=5.1,<6';
const venv = join(import.meta.dirname, '..', '.venv');
const venvServer = join(venv, 'bin', 'moto_server');

function works(command: string): boolean {
  return spawnSync(command, ['--help'], { stdio: 'ignore' }).status === 0;
}

if (process.env.MOTO_SERVER && works(process.env.MOTO_SERVER)) process.exit(0);
if (existsSync(venvServer) && works(venvServer)) process.exit(0);
if (works('moto_server')) process.exit(0);

console.error(`moto_server not found: installing ${MOTO_REQUIREMENT} into ${venv}`);
execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', MOTO_REQUIREMENT], { stdio: 'inherit' });
