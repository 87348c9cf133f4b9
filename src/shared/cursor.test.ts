import { CursorScope } from './cursor';

describe('cursors', () => {
  const scope = new CursorScope('feedback', 'brand-1', { kinds: ['QUESTION', 'COMPLAINT'] });
  const PARTS = ['time', 'uuid'] as const;

  it('round-trip', () => {
    const key = ['2024-01-01T00:00:00.000Z', '7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5'];
    expect(scope.decode(scope.encode(key), PARTS)).toEqual(key);
    expect(scope.decode(null, PARTS)).toBeNull();
  });

  it('belong to one scope, however its filter is spelled', () => {
    const key = ['2024-01-01T00:00:00.000Z', '7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5'];
    const same = new CursorScope('feedback', 'brand-1', {
      negative: null,
      kinds: ['COMPLAINT', 'QUESTION'],
    });
    expect(same.decode(scope.encode(key), PARTS)).toEqual(key);
    for (const other of [
      new CursorScope('activities', 'brand-1', { kinds: ['QUESTION', 'COMPLAINT'] }),
      new CursorScope('feedback', 'brand-2', { kinds: ['QUESTION', 'COMPLAINT'] }),
      new CursorScope('feedback', 'brand-1', { kinds: ['QUESTION'] }),
    ]) {
      expect(() => other.decode(scope.encode(key), PARTS)).toThrow(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          problems: [expect.objectContaining({ field: 'after' })],
        }),
      );
    }
  });

  it.each([
    'garbage',
    scope.encode(['only-one']),
    scope.encode(['not a time', '7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5']),
    scope.encode(['2024-01-01T00:00:00.000Z', "' OR 1=1 --"]),
    Buffer.from('{"a":1}').toString('base64url'),
  ])('reject %s with BAD_USER_INPUT', (cursor) =>
    expect(() => scope.decode(cursor, PARTS)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    ),
  );
});
