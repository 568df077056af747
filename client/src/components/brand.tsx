import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <path d="M9 11.5A2.5 2.5 0 0 1 11.5 9h6A2.5 2.5 0 0 1 20 11.5v9a2.5 2.5 0 0 1-2.5 2.5h-6A2.5 2.5 0 0 1 9 20.5z" fill="#fff" />
      <path d="m21.5 14 4-2.5v9l-4-2.5z" fill="#fff" />
    </svg>
  );
}

export function Brand({ to = '/', compact = false }: { to?: string; compact?: boolean }) {
  const { t } = useT();
  return (
    <Link to={to} className="brand" aria-label={compact ? t('app.name') : undefined}>
      <BrandMark />
      {!compact && <span className="brand-name">{t('app.name')}</span>}
    </Link>
  );
}
