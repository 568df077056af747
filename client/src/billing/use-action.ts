import { useState } from 'react';

/** One button's request: busy while it runs, the failure to show, a success flag for feedback. */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | null>(null);
  const run = async (name: string, work: () => Promise<unknown>) => {
    setBusy(name);
    setError(undefined);
    setDone(null);
    try {
      await work();
      setDone(name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, done, run };
}
