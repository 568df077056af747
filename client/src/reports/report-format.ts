/** `1 h 05 min`, `12 min 30 s`, `45 s`: durations as people read them. */
export function formatSeconds(total: number): string {
  const seconds = Math.round(total);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** A share 0..1 as a whole percentage. */
export const percent = (share: number) => `${Math.round(share * 100)} %`;
