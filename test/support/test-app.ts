import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from '../../src/config';
import { dataSourceOptions } from '../../src/db/data-source-options';
import { ALL_SCOPES } from '../../src/modules/api-keys/api-key.service';
import {
  DEFAULT_KEY_CACHE_OPTIONS,
  type KeyCacheOptions,
} from '../../src/modules/api-keys/api-key-cache';
import { createApp, type App } from '../../src/server/app';
import type { ApiKeyScope } from '../../src/shared/vocabulary';
import { StatementCounter } from './statement-counter';
import { adminQuery, TEMPLATE_DB, urlForDatabase } from './test-database';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    path?: string[];
    extensions?: Record<string, unknown> & { code?: string };
  }[];
}

/**
 * The real app (express + Apollo + services) on a fresh database cloned from
 * the migrated template: one per test file, so files never see each other.
 */
export class TestApp {
  private constructor(
    /** The owner's connection: fixtures and assertions, not subject to row-level security. */
    readonly dataSource: DataSource,
    /** The connection requests use (role rapport_app, subject to row-level security). */
    readonly appDataSource: DataSource,
    readonly app: App,
    readonly statements: StatementCounter,
    private readonly database: string,
    private readonly adminUrl: string,
  ) {}

  static async start(
    options: Partial<HttpOptions> = {},
    /** Known API keys in memory: the defaults unless told (api-key-cache.ts). */
    keyCache: KeyCacheOptions = DEFAULT_KEY_CACHE_OPTIONS,
  ): Promise<TestApp> {
    const adminUrl = process.env.RAPPORT_TEST_ADMIN_URL;
    if (!adminUrl)
      throw new Error('RAPPORT_TEST_ADMIN_URL is unset: run the e2e tests through jest');
    const database = `rapport_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DB}`);
    const url = urlForDatabase(adminUrl, database);
    const dataSource = new DataSource(dataSourceOptions(url, 5));
    await dataSource.initialize();
    const statements = new StatementCounter();
    const appDataSource = new DataSource({
      ...dataSourceOptions(url, 20, true),
      logging: ['query'],
      logger: statements,
    });
    await appDataSource.initialize();
    const app = await createApp(
      appDataSource,
      { migrated: true },
      { ...DEFAULT_HTTP_OPTIONS, ...options },
      undefined,
      undefined,
      undefined,
      keyCache,
    );
    return new TestApp(dataSource, appDataSource, app, statements, database, adminUrl);
  }

  /** This test's database, as the owner. */
  get databaseUrl(): string {
    return urlForDatabase(this.adminUrl, this.database);
  }

  get http(): Express {
    return this.app.express;
  }

  /** A new key (all scopes unless told) in `workspace`, created if needed. */
  async key(workspace: string, scopes: readonly ApiKeyScope[] = ALL_SCOPES): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const ws = await this.app.services.workspaces.findOrCreate(m, workspace);
      const created = await this.app.services.apiKeys.create(
        { manager: m, workspaceId: ws.id },
        `test key ${scopes.join(',')}`,
        scopes,
      );
      return created.secret;
    });
  }

  async gql<T = Record<string, unknown>>(
    key: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>> {
    const req = request(this.http).post('/graphql').set('content-type', 'application/json');
    if (key !== null) req.set('authorization', `Bearer ${key}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data ?? undefined, errors: res.body.errors };
  }

  /** Like gql, but fails the test on any error and returns `data`. */
  async ok<T = Record<string, any>>(
    key: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const res = await this.gql<T>(key, query, variables);
    if (res.errors?.length || res.status !== 200) {
      throw new Error(`GraphQL error (HTTP ${res.status}): ${JSON.stringify(res.errors)}`);
    }
    return res.data as T;
  }

  /** How many SQL statements one GraphQL request sends (authentication included, of a key known to the process). */
  async statementsFor(
    key: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<number> {
    // the key is looked up just before, so its cache entry (trusted for a second without a
    // revocation listener) cannot expire between the requests of a comparison on a slow machine
    await this.ok(key, '{ __typename }');
    const before = this.statements.count;
    await this.ok(key, query, variables);
    return this.statements.count - before;
  }

  /** Direct SQL, for assertions about what is (not) stored. */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(text, params);
  }

  /** Row counts of every table: a rejected operation must leave them all unchanged. */
  async counts(): Promise<Record<string, number>> {
    const [row] = await this.sql<Record<string, string>>(
      `SELECT (SELECT count(*) FROM workspaces) AS workspaces, (SELECT count(*) FROM api_keys) AS api_keys,
              (SELECT count(*) FROM brands) AS brands, (SELECT count(*) FROM audiences) AS audiences,
              (SELECT count(*) FROM activities) AS activities, (SELECT count(*) FROM feedback) AS feedback`,
    );
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
  }

  /** A digest of all fact rows, to prove "nothing changed" beyond counts. */
  async snapshot(): Promise<string> {
    const rows = await this.sql<{ s: string }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS s FROM (
         SELECT b::text AS t FROM brands b UNION ALL SELECT a::text FROM audiences a
         UNION ALL SELECT a::text FROM activities a UNION ALL SELECT f::text FROM feedback f) x`,
    );
    return rows[0]!.s;
  }

  async close(): Promise<void> {
    await this.app.stop();
    await this.appDataSource.destroy();
    await this.dataSource.destroy();
    await adminQuery(this.adminUrl, `DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
  }
}
