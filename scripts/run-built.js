#!/usr/bin/env node
// Runs a built entry point (dist/<entry>), rebuilding first only when the
// build is missing or older than a file under src/, migrations/, bench/ or a
// tsconfig: the TypeScript build takes 12–15 s, this check a few milliseconds.
// The dashboard bundle (dist/dashboard, scripts/build-dashboard.js) likewise.
//
//   node scripts/run-built.js <entry.js> [args…]   e.g. src/scripts/import.js: runs in this process
//   node scripts/run-built.js --own-group <entry.js> [args…]
//       runs it as a child in a process group of its own and relays SIGINT, SIGTERM and
//       SIGHUP to it (npm start): Ctrl-C in a terminal signals the whole foreground group,
//       which would also stop the embedded PostgreSQL under the server's in-flight requests;
//       this way only the server is told, and it stops the database itself, last.
//   node scripts/run-built.js --build              build now (npm run build)
//   node scripts/run-built.js --ensure             build only when stale
/* global __dirname */
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
const INPUTS = ['src', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time under `file` (directories count: a deleted file changes theirs). */
function newest(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  let time = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(file)) {
      if (name === 'results') continue; // bench/results: reports, not sources
      time = Math.max(time, newest(path.join(file, name)));
    }
  }
  return time;
}

function isStale(entry) {
  if (entry && !fs.existsSync(path.join(DIST, entry))) return true;
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  return INPUTS.some((input) => newest(path.join(ROOT, input)) > built);
}

/** One build at a time (parallel test files, two terminals): others wait, then re-check. */
function withBuildLock(fn) {
  const lock = path.join(ROOT, '.build-lock');
  for (let waited = 0; ; waited += 200) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // a lock left by a killed build: builds take seconds, not ten minutes
      if (Date.now() - fs.statSync(lock).mtimeMs > 600_000)
        fs.rmSync(lock, { force: true, recursive: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { force: true, recursive: true });
  }
}

/** The dashboard bundle (scripts/build-dashboard.js), in a child: esbuild-wasm is asynchronous. */
function bundleDashboard(onlyWhenStale) {
  const dashboard = require('./build-dashboard.js');
  if (onlyWhenStale && !dashboard.isStale()) return;
  execFileSync(process.execPath, [path.join(__dirname, 'build-dashboard.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

function ensureBuilt(entry) {
  bundleDashboard(true);
  if (!isStale(entry)) return;
  withBuildLock(() => {
    if (isStale(entry)) build(); // another process may have built it meanwhile
  });
}

function build() {
  // the stamp carries the time the build started: a file saved during the build is newer
  const started = new Date();
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // a failed build throws (tsc printed why); the lock is released on the way out
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  fs.writeFileSync(STAMP, '');
  fs.utimesSync(STAMP, started, started);
}

function buildAll() {
  build();
  bundleDashboard(false);
}

/** The entry as a child in its own process group; this process only relays signals and the exit. */
function supervise(entry, args) {
  const child = spawn(process.execPath, [entry, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'], // the server stops when this channel closes
    detached: true,
  });
  process.on('SIGINT', () => child.kill('SIGINT'));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGHUP', () => child.kill('SIGTERM')); // the terminal closed
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}

/** Builds under the lock; a failed build (tsc printed why) ends the process with tsc's status. */
function orExit(fn) {
  try {
    fn();
  } catch (error) {
    if (typeof error.status !== 'number') throw error;
    process.exit(error.status || 1);
  }
}

let [first, ...rest] = process.argv.slice(2);
const ownGroup = first === '--own-group';
if (ownGroup) [first, ...rest] = rest;
if (first === '--build') orExit(() => withBuildLock(buildAll));
else if (first === '--ensure') orExit(() => ensureBuilt());
else if (!first || first.startsWith('-')) {
  process.stderr.write(
    'usage: node scripts/run-built.js [--own-group] <entry.js> [args…] | --build | --ensure\n',
  );
  process.exit(2);
} else {
  orExit(() => ensureBuilt(first));
  const entry = path.join(DIST, first);
  if (ownGroup) supervise(entry, rest);
  else {
    // the entry parses process.argv as if it had been started directly
    process.argv = [process.argv[0], entry, ...rest];
    require(entry);
  }
}
