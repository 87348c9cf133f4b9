import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const declared = pkg.engines.node;
const floor = semver.minVersion(declared)!.version;
const dockerMajor = Number(/^FROM node:(\d+)/m.exec(read('Dockerfile'))?.[1]);

/**
 * `npm ci` warns EBADENGINE when a locked package's `engines.node` excludes the
 * running Node: every locked package must accept the project's floor, the
 * Docker image's Node line and the Node running this suite (CI).
 */
describe('Node versions', () => {
  const engines = Object.entries(lock.packages)
    .filter(([where, p]) => where !== '' && p.engines && !Array.isArray(p.engines))
    .map(([where, p]) => [where, (p.engines as { node?: string }).node] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);

  it.each([
    ['the declared floor', floor],
    ['the Docker image', `${dockerMajor}.0.0`],
    ['this Node', process.version],
  ])('every locked package accepts %s (%s)', (_what, version) => {
    const refusing = engines
      .filter(([, range]) => !semver.satisfies(version, range))
      .map(([where, range]) => `${where} wants node ${range}`);
    expect(refusing).toEqual([]);
  });

  it('README, engines and the Dockerfile agree', () => {
    expect(read('README.md')).toContain(`Node.js ${semver.major(floor)}.${semver.minor(floor)}+`);
    expect(semver.satisfies(`${dockerMajor}.0.0`, declared)).toBe(true);
    expect(pkg.engines.node).toBe(`>=${semver.major(floor)}.${semver.minor(floor)}`);
  });
});
