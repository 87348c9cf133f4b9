import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './server-process';

/** bench/peer: its own package (PostGraphile 4 needs graphql ≤ 15), installed on first use. */
const PEER_DIR = path.join(__dirname, '..', '..', 'bench', 'peer');
const CLI = path.join(PEER_DIR, 'node_modules', 'postgraphile', 'cli.js');

/**
 * PostGraphile 4 serving the same database, the peer of the comparison: no
 * authentication, no row-level security (it connects as the owner), no limits.
 */
export class PeerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(databaseUrl: string, log: (message: string) => void): Promise<PeerProcess> {
    if (!existsSync(CLI)) {
      log('installing the peer (bench/peer: PostGraphile 4) with npm ci');
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel', 'error'], {
        cwd: PEER_DIR,
        stdio: 'inherit',
      });
    }
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [CLI, '-c', databaseUrl, '--schema', 'public', '--host', '127.0.0.1', '--port', String(port)],
      { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const peer = new PeerProcess(child, port);
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`PostGraphile exited with ${child.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return peer;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('PostGraphile did not answer in 60 s');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}
