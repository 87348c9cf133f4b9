import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

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

/** Our pages load only our own files: no CDN, no inline script. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The dashboard at / (and its assets under /dashboard/), and in development
 * mode a GraphQL explorer at /explorer — all bundled with the server.
 */
export function staticRoutes(options: { explorer: boolean }): Router {
  const dir = dashboardDir();
  const router = express.Router();
  const page = (file: string) => (_req: express.Request, res: express.Response) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.sendFile(path.join(dir, file));
  };
  router.get('/', page('index.html'));
  if (options.explorer) router.get('/explorer', page('explorer.html'));
  router.use(
    '/dashboard',
    express.static(dir, {
      index: false,
      maxAge: '5m',
      setHeaders: (res) => res.setHeader('x-content-type-options', 'nosniff'),
    }),
  );
  return router;
}
