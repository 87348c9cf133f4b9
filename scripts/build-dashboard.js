#!/usr/bin/env node
// Bundles the dashboard (src/dashboard/app/, Preact + htm + uPlot + graphql-ws)
// into dist/dashboard/app.js and app.css with esbuild-wasm: the WebAssembly
// build of esbuild, so `npm ci` needs no per-platform binary. The server
// serves these two files at /dashboard/app.js|css (src/server/static-routes.ts).
//
//   node scripts/build-dashboard.js            bundle now
//   node scripts/build-dashboard.js --ensure   bundle only when a source is newer than the bundle
//
// Called by scripts/run-built.js (npm run build, npm start, every npm script
// that runs the server) and by the e2e tests' global setup.
/* global __dirname, __filename */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const SOURCE = path.join(ROOT, 'src', 'dashboard', 'app');
const OUT = path.join(ROOT, 'dist', 'dashboard');
const INPUTS = [SOURCE, __filename, path.join(ROOT, 'package-lock.json')];

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(file)
    .reduce((time, name) => Math.max(time, newest(path.join(file, name))), stat.mtimeMs);
}

function isStale() {
  let built;
  try {
    built = Math.min(...['app.js', 'app.css'].map((f) => fs.statSync(path.join(OUT, f)).mtimeMs));
  } catch {
    return true;
  }
  return INPUTS.some((input) => newest(input) > built);
}

async function bundle() {
  const esbuild = require('esbuild-wasm');
  const started = Date.now();
  fs.mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { app: path.join(SOURCE, 'main.js') },
    outdir: OUT,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  return Date.now() - started;
}

async function ensureBundle() {
  if (isStale()) await bundle();
}

module.exports = { bundle, ensureBundle, isStale, OUT };

if (require.main === module) {
  const run = process.argv[2] === '--ensure' ? ensureBundle() : bundle();
  run.then(
    () => undefined,
    (error) => {
      process.stderr.write(`dashboard bundle failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
