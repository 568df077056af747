import { Session } from 'node:inspector/promises';
import { topFunctions, type Profile } from './profile-summary.ts';

/**
 * A V8 CPU profile of this process over a window the controller chooses (the join
 * storm), without restarting it under `--cpu-prof`: the summary in RESULTS.md is then
 * of the storm alone, not of start-up and the phases around it.
 */
let session: Session | undefined;

export async function startProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 1 ms between samples: enough for a top 10 over tens of seconds, little overhead.
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
}

export async function stopProfile(count = 10): Promise<{ seconds: number; top: ReturnType<typeof topFunctions> }> {
  if (!session) throw new Error('no profile running');
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  session = undefined;
  return { seconds: (profile.endTime - profile.startTime) / 1e6, top: topFunctions(profile, count) };
}
