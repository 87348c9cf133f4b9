import type { Request, Response, Router } from 'express';
import express from 'express';
import type { DataSource } from 'typeorm';

export interface Readiness {
  /** Set once pending migrations are applied. */
  migrated: boolean;
}

/** /healthz: the process is alive. /readyz: the database answers and the schema is current. */
export function healthRoutes(dataSource: DataSource, readiness: Readiness): Router {
  const router = express.Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    const database = await ping(dataSource);
    const ready = database && readiness.migrated;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      database: database ? 'up' : 'down',
      migrations: readiness.migrated ? 'applied' : 'pending',
    });
  });
  return router;
}

async function ping(dataSource: DataSource): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), 2000);
    });
    await Promise.race([dataSource.query('SELECT 1'), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
