import { useCallback, useState } from 'react';

/** An action started by a button: busy while it runs, its failure kept to show. */
export function useAction(): { busy: boolean; failure: unknown; setFailure: (failure: unknown) => void; run: (action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, setFailure, run };
}
