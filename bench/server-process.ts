import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../src/shared/free-port';
import path from 'node:path';

/** The API server as its own process (as in production), so its memory can be measured. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(databaseUrl: string): Promise<ServerProcess> {
    const port = await freePort();
    // BENCH_SERVER_PROFILE=<dir>: write a V8 CPU profile of the server there
    const profile = process.env.BENCH_SERVER_PROFILE;
    const args = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
    const child = spawn(process.execPath, [...args, path.join(__dirname, '..', 'src', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_POINTS: '100000000',
        RATE_LIMIT_REFILL_PER_SECOND: '10000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const server = new ServerProcess(child, port);
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return server;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the server did not become ready in 30 s');
  }

  /** Peak and current resident memory, in MB (Linux /proc). */
  memory(): { peakMb: number; currentMb: number } {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

export { freePort };
