import type { ReactNode } from 'react';

/** A message box; errors are announced at once (`role="alert"`), the rest politely. */
export function Alert({ tone = 'error', children, className }: { tone?: 'error' | 'info' | 'success' | 'warning'; children: ReactNode; className?: string }) {
  return (
    <div className={['alert', `alert-${tone}`, className].filter(Boolean).join(' ')} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
