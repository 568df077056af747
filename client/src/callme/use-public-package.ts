import { useEffect, useState } from 'react';
import type { PublicPackageOut } from '../../../shared/callme-schemas.ts';
import { request } from '../api/http.ts';
import { useT } from '../i18n/i18n.tsx';

/** What the call page and the widget frame show of a package; they speak the package's language. */
export function usePublicPackage(packageId: string): { data: PublicPackageOut | undefined; error: string | undefined } {
  const { setLang } = useT();
  const [state, setState] = useState<{ data: PublicPackageOut | undefined; error: string | undefined }>({ data: undefined, error: undefined });
  useEffect(() => {
    let cancelled = false;
    request<PublicPackageOut>('GET', `/callme/public/${encodeURIComponent(packageId)}`)
      .then((data) => {
        if (cancelled) return;
        setLang(data.language);
        setState({ data, error: undefined });
      })
      .catch((error: unknown) => { if (!cancelled) setState({ data: undefined, error: (error as Error).message }); });
    return () => { cancelled = true; };
  }, [packageId, setLang]);
  return state;
}
