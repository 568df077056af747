import { useEffect } from 'react';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';

/** Dashboard pages send a visitor who is not logged in to the login page, and back here after. */
export function useRequireSession(): boolean {
  const { session } = useSession();
  useEffect(() => {
    if (session === null) navigate(`/login?next=${encodeURIComponent(window.location.pathname)}`, { replace: true });
  }, [session]);
  return Boolean(session);
}
