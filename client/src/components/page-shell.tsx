import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { AppHeader } from './app-header.tsx';
import { ActingAsBar } from '../billing/acting-as-bar.tsx';

/** The frame of every page but the live room: skip link, header, content. */
export function PageShell({ children }: { children: ReactNode }) {
  const { t } = useT();
  return (
    <div className="app">
      <a href="#main" className="skip-link">{t('nav.skipToContent')}</a>
      <ActingAsBar />
      <AppHeader />
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <span>{t('app.tagline')}</span>
      </footer>
    </div>
  );
}
