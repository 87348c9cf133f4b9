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
  const files = new Set(
    readdirSync(dir).filter((name) => options.explorer || !name.startsWith('explorer.')),
  );
  const router = express.Router();
  const page = (file: string) => (_req: express.Request, res: express.Response) => {
    secured(res);
    res.sendFile(path.join(dir, file));
  };
  router.get('/', page('index.html'));
  if (options.explorer) router.get('/explorer', page('explorer.html'));
  router.get('/dashboard/:file', (req, res, next) => {
    const file = req.params.file;
    if (!files.has(file)) return next();
    secured(res);
    res.sendFile(path.join(dir, file), { maxAge: '5m' });
  });
  return router;
}
