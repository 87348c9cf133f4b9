import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildServer, freePort } from '../support/server-processes';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');
// as root the embedded server runs as "postgres", which must be able to enter the folder
const base = mkdtempSync(path.join(os.tmpdir(), 'rapport-npm-start-'));
chmodSync(base, 0o755);
const dataDir = path.join(base, 'postgres');
const started: ChildProcess[] = [];

beforeAll(() => {
  // build now (when stale), so that npm start finds a current build and starts at once
  buildServer();
});

afterAll(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL'); // what a failed test left: its whole process group
    } catch {
      // already gone
    }
  }
  const pg = postmasterPid();
  if (pg !== undefined && alive(pg)) process.kill(pg, 'SIGQUIT');
  rmSync(base, { recursive: true, force: true });
});

/** `npm start` as a process manager or a terminal starts it: its own process group. */
async function npmStart(): Promise<{ npm: ChildProcess; port: number; log: () => string }> {
  const port = await freePort();
  const output: string[] = [];
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_DIR: dataDir,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  npm.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  npm.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  const log = () => output.join('');
  for (let i = 0; i < 600; i++) {
    if (npm.exitCode !== null) throw new Error(`npm start exited ${npm.exitCode}: ${log()}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { npm, port, log };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`npm start did not answer /healthz: ${log()}`);
}

function postmasterPid(): number | undefined {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  return Number(readFileSync(file, 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Within `seconds`: the port refuses connections and no postgres of the data folder is left. */
async function expectStopped(port: number, postgres: number, seconds: number, log: () => string) {
  const deadline = Date.now() + seconds * 1000;
  let state = { portClosed: false, postgresGone: false };
  while (Date.now() < deadline) {
    state = { portClosed: await portRefuses(port), postgresGone: !alive(postgres) };
    if (state.portClosed && state.postgresGone) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect({ ...state, log: state.portClosed && state.postgresGone ? '' : log() }).toEqual({
    portClosed: true,
    postgresGone: true,
    log: '',
  });
  expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
}

it('stops the server and its embedded PostgreSQL on SIGTERM to the npm process', async () => {
  const { npm, port, log } = await npmStart();
  const postgres = postmasterPid()!;
  expect(alive(postgres)).toBe(true);
  const exited = new Promise<number | null>((r) => npm.once('exit', (code) => r(code)));
  npm.kill('SIGTERM');
  await expectStopped(port, postgres, 5, log);
  expect(await exited).toBe(0);
  expect(log()).toContain('stopped cleanly');
});

it('stops cleanly on Ctrl-C (SIGINT to the whole foreground process group)', async () => {
  const { npm, port, log } = await npmStart();
  const postgres = postmasterPid()!;
  const exited = new Promise<number | null>((r) => npm.once('exit', (code) => r(code)));
  process.kill(-npm.pid!, 'SIGINT');
  await expectStopped(port, postgres, 5, log);
  await exited;
  expect(log()).toContain('stopped cleanly');
  expect(log()).not.toContain('shutdown failed');
});
