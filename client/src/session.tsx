import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionOut } from '../../shared/account-schemas.ts';
import { authApi } from './api/endpoints.ts';
import { ApiError } from './api/http.ts';

/**
 * Who is logged in, asked once at start-up (`GET /auth/me`) and updated by log-in,
 * sign-up and log-out. The session itself is an HTTP-only cookie the page never sees.
 */
export interface SessionState {
  /** `undefined` while the first check runs, `null` when nobody is logged in. */
  session: SessionOut | null | undefined;
  setSession(session: SessionOut | null): void;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionOut | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setSession(await authApi.me());
    } catch (error) {
      // Only "not logged in" means logged out; a network hiccup must not look like one.
      if (error instanceof ApiError && error.status === 401) setSession(null);
      else setSession((current) => current ?? null);
    }
  }, []);

  const logout = useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    setSession(null);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ session, setSession, refresh, logout }), [session, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession() outside <SessionProvider>');
  return context;
}
