import type { FileKind, PageError } from '../../../shared/file-schemas.ts';
import type { Sandbox, SandboxResult } from '../sandbox.ts';

/** A failure the user can read and act on; anything else is reported as an internal error. */
export class ConversionError extends Error {}

export interface ConversionJob {
  sandbox: Sandbox;
  /** The job's own directory on the host (/job inside the sandbox): in/, out/, home/, tmp/. */
  jobDir: string;
  /** The original inside the sandbox, e.g. /job/in/source.pdf. */
  input: string;
  /** The name the user gave, for messages. */
  name: string;
  kind: FileKind;
  signal: AbortSignal;
  onProgress(percent: number): void;
}

export interface ConversionResult {
  kind: FileKind;
  pages?: number;
  durationMs?: number;
  width?: number;
  height?: number;
  pageErrors: PageError[];
}

/** Runs a tool in the job's sandbox; a non-zero exit or the time limit becomes a ConversionError with `what`. */
export async function runTool(job: ConversionJob, tool: string, args: string[], limits: { memoryMb: number; timeoutSeconds: number; what: string; onLine?: (line: string, stream: 'stdout' | 'stderr') => void }): Promise<SandboxResult> {
  const result = await job.sandbox.run({ tool, args, jobDir: job.jobDir, memoryMb: limits.memoryMb, timeoutSeconds: limits.timeoutSeconds, signal: job.signal, onLine: limits.onLine });
  if (job.signal.aborted) throw new ConversionError('The conversion was cancelled.');
  if (result.timedOut) throw new ConversionError(`"${job.name}": ${limits.what} took longer than ${limits.timeoutSeconds} s and was stopped.`);
  if (result.code !== 0) {
    const detail = lastLine(result.stderr);
    throw new ConversionError(`"${job.name}": ${limits.what} failed${detail ? ` (${detail})` : ''}.`);
  }
  return result;
}

export function lastLine(text: string): string {
  return text.trim().split('\n').filter((l) => l.trim()).pop()?.trim().slice(0, 200) ?? '';
}
