import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { migrations } from '../../migrations';

const dir = path.join(__dirname, '..', '..', 'migrations');
const files = readdirSync(dir)
  .filter((f) => /^\d+-.+\.ts$/.test(f))
  .sort();

describe('migrations/index.ts', () => {
  it('lists every migration file, oldest first', () => {
    const listed = migrations.map(
      (m) => `${/\d+$/.exec(m.name)![0]}-${m.name.replace(/\d+$/, '')}.ts`,
    );
    expect(listed).toEqual(files);
  });
});

describe('migrations are frozen', () => {
  // a migration that imports application code changes what it does when that code changes
  it.each(files)('%s imports nothing from src/', (file) => {
    const source = readFileSync(path.join(dir, file), 'utf8');
    const imports = [...source.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map(
      (m) => m[1],
    );
    expect(imports.filter((spec) => !/^(typeorm|node:.*)$/.test(spec!))).toEqual([]);
  });
});
