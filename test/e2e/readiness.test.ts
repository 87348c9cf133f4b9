import 'reflect-metadata';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/db/data-source-options';
import { createApp } from '../../src/server/app';

describe('/readyz', () => {
  it('answers 503 when the database is unreachable', async () => {
    // a port nothing listens on: the app starts, but the database is down
    const dataSource = new DataSource(dataSourceOptions('postgres://postgres@127.0.0.1:1/none', 1));
    const app = await createApp(dataSource, { migrated: false });
    try {
      const res = await request(app.express).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', database: 'down' });
      expect((await request(app.express).get('/healthz')).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
