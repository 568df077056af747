import { useEffect, useState } from 'react';
import { request } from '../api/http.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import './billing.css';

/**
 * ACC-3: while a main account is inside one of its sub-accounts, every page says so,
 * and one click ends the visit (logging out of the sub-account's session).
 */
export function ActingAsBar() {
  const { t } = useT();
  const { session, logout } = useSession();
  const [actingAs, setActingAs] = useState<string | null>(null);
  useEffect(() => {
    if (!session) return setActingAs(null);
    let live = true;
    request<{ actingAs: { subAccountName: string } | null }>('GET', '/sub-accounts/acting-as')
      .then((r) => live && setActingAs(r.actingAs?.subAccountName ?? null))
      .catch(() => undefined);
    return () => { live = false; };
  }, [session]);
  if (!actingAs) return null;
  return (
    <div className="acting-as-bar" role="status" data-testid="acting-as">
      <span>{t('billing.actingAs', { name: actingAs })}</span>
      <Button size="sm" variant="secondary" onClick={() => void logout().then(() => navigate('/login'))}>{t('billing.actingAsLeave')}</Button>
    </div>
  );
}
