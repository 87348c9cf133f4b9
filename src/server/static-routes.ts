import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import express, { type Response, type Router } from 'express';

/** src/dashboard, from src/server (tests, ts) or dist/src/server (built). */
function dashboardDir(): string {
  const candidates = [
    path.join(__dirname, '..', 'dashboard'),
    path.join(__dirname, '..', '..', '..', 'src', 'dashboard'),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`dashboard files not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The dashboard's bundle (app.js, app.css, their maps and licences), made by
 * scripts/build-dashboard.js into dist/dashboard: from src/server (tests, ts)
 * or dist/src/server (built).
 */
function bundleDir(): string {
  const candidates = [
    path.join(__dirname, '..', '..', 'dashboard'),
    path.join(__dirname, '..', '..', 'dist', 'dashboard'),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'app.js')));
  if (!found)
    throw new Error(
      `the dashboard bundle is missing (looked in ${candidates.join(', ')}): npm run build makes it`,
    );
  return found;
}

/** Our pages load only our own files: no CDN, no inline script, never framed. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function secured(res: Response): void {
  res.setHeader('content-security-policy', CSP);
  res.setHeader('x-content-type-options', 'nosniff');
}

/**
 * The dashboard at / (and its files under /dashboard/), and in development
 * mode a GraphQL explorer at /explorer — all bundled with the server. Files
 * are served from a list made at start, so without the explorer no path
 * (encoded, dotted or doubled) reaches its files; every response carries the CSP.
 */
export function staticRoutes(options: { explorer: boolean }): Router {
  const dir = dashboardDir();
  const bundle = bundleDir();
  const files = new Map<string, string>();
  for (const name of readdirSync(dir))
    if (name.endsWith('.html') || name.endsWith('.css') || name.endsWith('.js'))
      if (options.explorer || !name.startsWith('explorer.')) files.set(name, dir);
  for (const name of readdirSync(bundle)) files.set(name, bundle);
  const router = express.Router();
  const page = (file: string) => (_req: express.Request, res: express.Response) => {
    secured(res);
    res.sendFile(path.join(dir, file));
  };
  router.get('/', page('index.html'));
  if (options.explorer) router.get('/explorer', page('explorer.html'));
  router.get('/dashboard/:file', (req, res, next) => {
    const file = req.params.file;
    const from = files.get(file);
    if (!from) return next();
    secured(res);
    res.sendFile(path.join(from, file), { maxAge: '5m' });
  });
  return router;
}
