import { readFileSync } from 'node:fs';

/**
 * `node --import tsx bench/summarize-profile.ts FILE.cpuprofile [--top N]`: where a --cpu-prof
 * profile (from `npm run bench -- NAME --profile DIR`) spent its time: self time by function and by
 * file, and inclusive (total) time of the project's own functions.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: summarize-profile.ts FILE.cpuprofile [--top N]');
  process.exit(2);
}
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = profile.endTime - profile.startTime;

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'nm/')
    .replace(/^.*\/(apps|packages)\//, '$1/');
const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'}  ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

/** nm/kysely, node:internal, apps/server/src/handoff, (garbage collector)... */
const packageOf = (n: ProfileNode) => {
  const url = shortUrl(n.callFrame.url);
  if (!url) return `(${n.callFrame.functionName})`;
  if (url.startsWith('nm/'))
    return url
      .split('/')
      .slice(0, url.startsWith('nm/@') ? 3 : 2)
      .join('/');
  if (url.startsWith('node:')) return 'node:internal';
  return url.split('/').slice(0, 4).join('/');
};
const selfByPackage = new Map<string, number>();
const selfByLabel = new Map<string, number>();
const selfByFile = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + us);
  selfByPackage.set(packageOf(node), (selfByPackage.get(packageOf(node)) ?? 0) + us);
  const f = shortUrl(node.callFrame.url) || `(${node.callFrame.functionName})`;
  selfByFile.set(f, (selfByFile.get(f) ?? 0) + us);
  // Inclusive time: credit every distinct ancestor frame once per sample path.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (!n) break;
    const l = label(n);
    if (!seen.has(l)) {
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
}

const print = (title: string, entries: Map<string, number>, filter: (k: string) => boolean = () => true) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...entries]
    .filter(([k]) => filter(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${k}`);
  }
};
console.log(`profile ${file}: ${(totalUs / 1e6).toFixed(1)} s wall`);
print('self time by package or folder (executeQuery self time = SQLite native work)', selfByPackage);
print('self time by function', selfByLabel);
print('self time by file', selfByFile);
print('total (inclusive) time of project functions', inclusive, (k) => /(apps|packages)\//.test(k) && !k.includes('nm/'));
