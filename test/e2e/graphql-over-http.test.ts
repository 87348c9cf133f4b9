import type { Server } from 'node:http';
import { serverAudits } from 'graphql-http';
import { TestApp } from '../support/test-app';

/** The graphql-http package's audit of the GraphQL over HTTP specification, against the real server. */
let t: TestApp;
let server: Server;
let url: string;
let key: string;

beforeAll(async () => {
  t = await TestApp.start();
  key = await t.key('audit');
  server = await new Promise<Server>((resolve) => {
    const s = t.http.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const authorizedFetch: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    headers: {
      ...Object.fromEntries(new Headers(init?.headers).entries()),
      authorization: `Bearer ${key}`,
    },
  });

describe('GraphQL over HTTP (graphql-http server audit)', () => {
  it('passes every audit with no error and no warning', async () => {
    const results = await Promise.all(
      serverAudits({ url, fetchFn: authorizedFetch }).map(async (audit) => ({
        audit,
        result: await audit.fn(),
      })),
    );
    const problems = results
      .filter(({ result }) => result.status !== 'ok')
      .map(
        ({ audit, result }) =>
          `${result.status.toUpperCase()} ${audit.id} ${audit.name}: ${'reason' in result ? result.reason : ''}`,
      );
    expect(problems).toEqual([]);
  });
});
