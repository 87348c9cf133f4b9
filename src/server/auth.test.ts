import { bearerToken } from './auth';

describe('bearerToken', () => {
  it.each([
    [{ authorization: 'Bearer rk_abc' }, 'rk_abc'],
    [{ authorization: 'bearer   rk_abc  ' }, 'rk_abc'],
    [{ authorization: 'Basic xyz' }, undefined],
    [{ authorization: 'Bearer a b' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, token) => expect(bearerToken(headers)).toBe(token));
});
