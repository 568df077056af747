import { readFileSync } from 'node:fs';

/**
 * The top functions by self time of a V8 CPU profile (`node --cpu-prof`), as a
 * Markdown table: what bench/RESULTS.md records for the server under the join storm.
 *
 *   node --import tsx bench/support/profile-summary.ts PROFILE.cpuprofile [N]
 */
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
export interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export function topFunctions(profile: Profile, count = 10): { name: string; where: string; selfMs: number; share: number }[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byNode.get(id)!.callFrame;
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|server|shared)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: frame.functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
    total += us;
  }
  return [...byFunction.values()].sort((a, b) => b.us - a.us).slice(0, count).map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, share: f.us / total }));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary.ts PROFILE.cpuprofile [N]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const rows = topFunctions(profile, Number(process.argv[3] ?? 10));
  console.log(`Profile ${(profile.endTime - profile.startTime) / 1e6} s\n\n| # | function | where | self ms | share |\n| --- | --- | --- | --- | --- |`);
  rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.name} | ${r.where} | ${r.selfMs.toFixed(0)} | ${(r.share * 100).toFixed(1)}% |`));
}
