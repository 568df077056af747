import { useCallback, useEffect, useState } from 'react';

/** Loads something once and on demand (`reload`), keeping the failure to show. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; failure: unknown; reload: () => Promise<void>; setData: (value: T) => void } {
  const [data, setData] = useState<T>();
  const [failure, setFailure] = useState<unknown>();
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setFailure(undefined);
    try {
      setData(await run());
    } catch (error) {
      setFailure(error);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, failure, reload, setData };
}
