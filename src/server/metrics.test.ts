import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_OPERATIONS, operationLabel } from './metrics';

const ROOT = path.join(__dirname, '..', '..');

/** Operation names in a client's source: `query Name(` / `mutation Name {` / `subscription Name(`. */
const namesIn = (text: string) =>
  [...text.matchAll(/\b(?:query|mutation|subscription)\s+([A-Za-z_]\w*)\s*[({]/g)].map(
    (m) => m[1]!,
  );

describe('operationLabel', () => {
  const known = new Set(CLIENT_OPERATIONS);
  it.each<[string | null | undefined, string]>([
    ['Overview', 'Overview'],
    ['EngagementRows', 'EngagementRows'],
    ['AcmeSecretProject', 'other'],
    ['overview', 'other'],
    [null, 'anonymous'],
    [undefined, 'anonymous'],
    ['', 'anonymous'],
  ])('%j → %s', (name, label) => {
    expect(operationLabel(name, known)).toBe(label);
  });

  it("knows every operation name of Rapport's own clients (dashboard, BI connector)", () => {
    const sources = [
      ...readdirSync(path.join(ROOT, 'src', 'dashboard', 'app'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => path.join(ROOT, 'src', 'dashboard', 'app', f)),
      path.join(ROOT, 'docs', 'bi-connector.json'),
    ];
    const names = sources.flatMap((file) => namesIn(readFileSync(file, 'utf8')));
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(CLIENT_OPERATIONS).toContain(name);
  });
});
