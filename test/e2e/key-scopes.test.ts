import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';
import { createSchema } from '../../src/server/schema';
import { TestApp } from '../support/test-app';

/** Every operation of the schema, called with a key that lacks its scope, is FORBIDDEN. */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());

const ADMIN_OPERATIONS = new Set([
  'apiKeys',
  'createApiKey',
  'revokeApiKey',
  'setPhaseWeights',
  'eraseAuthor',
  'webhooks',
  'webhookDeliveries',
  'createWebhook',
  'updateWebhook',
  'deleteWebhook',
]);
const OPEN_OPERATIONS = new Set(['viewer']);

function sample(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType)];
  const named = getNamedType(inner);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isScalarType(named)) {
    return {
      ID: '00000000-0000-0000-0000-000000000000',
      String: 'x',
      Int: 1,
      Float: 0.5,
      Boolean: true,
      DateTime: '2024-01-01T00:00:00Z',
    }[named.name];
  }
  return null;
}

async function operations() {
  const schema = await createSchema();
  return (['query', 'mutation'] as const).flatMap((kind) => {
    const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    return Object.values(root.getFields()).map((field) => {
      const required = field.args.filter((a) => isNonNullType(a.type));
      const defs = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
      const selection = isScalarType(getNamedType(field.type)) ? '' : '{ __typename }';
      return {
        name: field.name,
        scope: ADMIN_OPERATIONS.has(field.name) ? 'ADMIN' : kind === 'query' ? 'READ' : 'WRITE',
        query: `${kind}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection} }`,
        variables: Object.fromEntries(required.map((a) => [a.name, sample(a.type)])),
      };
    });
  });
}

describe('scopes on every operation', () => {
  it('refuses each operation to a key without its scope, and names the scope', async () => {
    const all = await operations();
    // the walk covers reads, writes and admin operations alike
    expect(all.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'brands',
        'engagement',
        'recordInteractions',
        'createApiKey',
        'viewer',
      ]),
    );
    const keys = {
      READ: await t.key('scopes', ['WRITE', 'ADMIN'] as never),
      WRITE: await t.key('scopes', ['READ', 'ADMIN'] as never),
      ADMIN: await t.key('scopes', ['READ', 'WRITE'] as never),
    };
    const unguarded: string[] = [];
    for (const op of all.filter((o) => !OPEN_OPERATIONS.has(o.name))) {
      const before = await t.snapshot();
      const res = await t.gql(keys[op.scope as keyof typeof keys], op.query, op.variables);
      const error = res.errors?.[0];
      if (
        error?.extensions?.code !== 'FORBIDDEN' ||
        !String(error.extensions.requiredScopes).includes(op.scope)
      ) {
        unguarded.push(
          `${op.name} (needs ${op.scope}): ${JSON.stringify(res.errors ?? res.data).slice(0, 160)}`,
        );
      }
      expect(await t.snapshot()).toBe(before);
    }
    expect(unguarded).toEqual([]);
  });
});

describe('keys in logs and lastUsedAt', () => {
  it('never writes a secret to the logs, and tags every log line of a request with its id', async () => {
    const key = await t.key('logs');
    const lines: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      }),
    );
    try {
      await t.sql('ALTER TABLE brands RENAME COLUMN slug TO slug_hidden'); // provoke a logged internal error
      await t.gql(key, '{ brands { nodes { slug } } }');
      await t.gql(`${key}x`, '{ viewer { scopes } }');
    } finally {
      await t.sql('ALTER TABLE brands RENAME COLUMN slug_hidden TO slug');
      spies.forEach((s) => s.mockRestore());
    }
    const logged = lines.join('');
    expect(logged).toContain('internal error');
    expect(logged).not.toContain(key);
    expect(logged).not.toContain(key.slice(3));
    for (const line of lines.filter((l) => l.startsWith('{')))
      expect(JSON.parse(line).requestId).toEqual(expect.any(String));
  });

  it('keeps lastUsedAt without a write per request', async () => {
    const key = await t.key('last-used');
    const id = (await t.ok(key, '{ viewer { apiKeyId } }')).viewer.apiKeyId;
    const [first] = await t.sql<{ last_used_at: Date; xmin: string }>(
      'SELECT last_used_at, xmin::text FROM api_keys WHERE id = $1',
      [id],
    );
    for (let i = 0; i < 10; i++) await t.ok(key, '{ viewer { scopes } }');
    const [after] = await t.sql<{ last_used_at: Date; xmin: string }>(
      'SELECT last_used_at, xmin::text FROM api_keys WHERE id = $1',
      [id],
    );
    expect(first!.last_used_at).not.toBeNull();
    expect(after).toEqual(first); // same row version: ten requests, no write
  });
});
