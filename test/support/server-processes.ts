import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../src/shared/free-port';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Builds dist/ when a source is newer than the last build (the processes run
 * the built server, as in production); one build at a time across test files.
 */
export function buildServer(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'run-built.js'), '--ensure'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'main.js')))
    throw new Error('the build made no dist/src/main.js');
}

/** A server process of its own, on its own port. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly output: string[],
  ) {}

  /** What the process printed (for failure messages). */
  get log(): string {
    return this.output.join('');
  }

  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    const server = new ServerProcess(child, port, output);
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null)
        throw new Error(`server exited ${child.exitCode}: ${output.join('')}`);
      const ready = await fetch(`${server.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return server;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server not ready: ${output.join('')}`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async gql(key: string, query: string, variables?: Record<string, unknown>) {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: any; errors?: any[]; extensions?: any },
    };
  }

  /** A crash: SIGKILL, nothing is finished or closed. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Builds the server, then starts two processes of it with the same environment. */
export async function startTwoServers(
  env: Record<string, string>,
): Promise<[ServerProcess, ServerProcess]> {
  buildServer();
  return Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
}

export { freePort };
