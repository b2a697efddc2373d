// Starts a private moto server on 127.0.0.1 for one test file, and points the AWS SDK at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface Moto {
  endpoint: string;
  /** Clears every service's state. */
  reset(): Promise<void>;
  /** Turns moto's IAM authorization on (every request checked against the caller's policies) or off. */
  setAuthorization(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
export const DEFAULT_ACCOUNT = '123456789012';

function motoCommand(): string {
  if (process.env.MOTO_SERVER) return process.env.MOTO_SERVER;
  const venvServer = join(import.meta.dirname, '..', '..', '.venv', 'bin', 'moto_server');
  return existsSync(venvServer) ? venvServer : 'moto_server';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(endpoint: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('moto_server did not start within 30 s');
}

export async function startMoto(env: Record<string, string> = {}): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(motoCommand(), ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true', ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitUntilUp(endpoint, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  const post = async (path: string, body?: string) => {
    const response = await fetch(`${endpoint}${path}`, { method: 'POST', body });
    if (!response.ok) throw new Error(`moto ${path}: HTTP ${response.status}`);
  };
  return {
    endpoint,
    reset: () => post('/moto-api/reset'),
    setAuthorization: (on) => post('/moto-api/reset-auth', on ? '0' : 'inf'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Client config for seeding moto through the real SDK. */
export function motoClientConfig(moto: Moto, region = 'us-east-1') {
  return { endpoint: moto.endpoint, region, credentials: TEST_CREDENTIALS, maxAttempts: 2 };
}
