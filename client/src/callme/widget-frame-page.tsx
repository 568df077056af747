import { useCallback, useEffect, useRef, useState } from 'react';
import * as v from 'valibot';
import { LoaderToFrame, type FrameToLoader } from '../../../shared/callme-widget-protocol.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Conversation } from './conversation.tsx';
import { usePublicPackage } from './use-public-package.ts';
import { ownStorage, useVisitorRoom, type TokenStore } from './use-visitor-room.ts';
import './callme.css';

/**
 * The visitor token, kept by the loader in the host site's storage: in a third-party
 * frame our own storage is often blocked. The loader answers only our frame, at our
 * origin; the answer is accepted only from the parent window at the host origin.
 */
function hostStorage(packageId: string, host: string): TokenStore {
  const own = ownStorage(packageId);
  const inFrame = window.parent !== window && /^https?:\/\/[^/]+$/.test(host);
  return {
    async read() {
      const mine = await own.read();
      if (mine || !inFrame) return mine;
      return new Promise<string | undefined>((resolve) => {
        const done = (token: string | undefined) => { window.removeEventListener('message', listen); clearTimeout(timer); resolve(token); };
        const listen = (event: MessageEvent) => {
          const parsed = v.safeParse(LoaderToFrame, event.data);
          if (event.origin === host && event.source === window.parent && parsed.success && parsed.output.type === 'callme:token') done(parsed.output.token ?? undefined);
        };
        const timer = setTimeout(() => done(undefined), 3000);
        window.addEventListener('message', listen);
        window.parent.postMessage({ type: 'callme:ready' } satisfies FrameToLoader, host);
      });
    },
    write(token) {
      own.write(token);
      if (inFrame) window.parent.postMessage({ type: 'callme:token', token } satisfies FrameToLoader, host);
    },
  };
}

/**
 * The conversation inside the widget's iframe, on our origin (served with
 * frame-ancestors = the package's websites). It talks to the loader only: it posts to
 * the one host origin it was opened for, if that origin is one of the package's
 * websites, and accepts messages only from its parent window at that origin that parse.
 */
export function WidgetFramePage({ packageId }: { packageId: string }) {
  const { t, tp } = useT();
  const pkg = usePublicPackage(packageId);
  const requested = new URLSearchParams(window.location.search).get('host') ?? '';
  const room = useVisitorRoom(packageId, hostStorage(packageId, requested));
  const [minimised, setMinimised] = useState(false);
  const [unread, setUnread] = useState(0);
  const seen = useRef(0);
  const host = pkg.data?.websites.includes(requested) ? requested : undefined;

  const post = useCallback((message: FrameToLoader) => {
    if (host && window.parent !== window) window.parent.postMessage(message, host);
  }, [host]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const parsed = v.safeParse(LoaderToFrame, event.data);
      if (!host || event.origin !== host || event.source !== window.parent || !parsed.success) {
        document.body.dataset.rejected = String(Number(document.body.dataset.rejected ?? 0) + 1);
        return;
      }
      if (parsed.output.type === 'callme:state') setMinimised(parsed.output.state === 'minimised');
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [host]);

  // Lines from the consultant while minimised count as unread, on the bar and on the button.
  useEffect(() => {
    const fromConsultant = room.lines.filter((l) => l.author !== 'visitor').length;
    const fresh = fromConsultant - seen.current;
    if (minimised && fresh > 0) setUnread((n) => n + fresh);
    seen.current = fromConsultant;
  }, [room.lines, minimised]);
  useEffect(() => post({ type: 'callme:unread', count: Math.min(unread, 999) }), [unread, post]);

  const minimise = () => { setMinimised(true); post({ type: 'callme:minimise' }); };
  const restore = () => { setMinimised(false); setUnread(0); post({ type: 'callme:restore' }); };

  const consultant = room.consultant ?? (room.call?.state === 'connected' ? room.call.consultant : undefined);
  return (
    <div className="callme-frame" data-testid="callme-frame" data-connects={room.connects} data-minimised={minimised}>
      <header className="callme-frame-header">
        {consultant?.photoUrl ? <img className="callme-avatar" src={consultant.photoUrl} alt="" /> : pkg.data?.logoUrl ? <img className="callme-logo-small" src={pkg.data.logoUrl} alt="" /> : null}
        <span className="callme-frame-title">{consultant ? consultant.firstName : (pkg.data?.companyName ?? '')}</span>
        {minimised && unread > 0 && <span className="callme-badge" data-testid="callme-unread" aria-label={tp('callme.unread', unread)}>{unread}</span>}
        {minimised
          ? <Button size="sm" variant="ghost" onClick={restore}>{t('callme.restore')}</Button>
          : <Button size="sm" variant="ghost" onClick={minimise}>{t('callme.minimise')}</Button>}
        <Button size="sm" variant="ghost" onClick={() => { room.send('leave', {}); post({ type: 'callme:close' }); }} aria-label={t('callme.close')}>×</Button>
      </header>
      <div className="callme-frame-body" hidden={minimised}>
        {pkg.data ? <Conversation room={room} pkg={pkg.data} /> : <p className="callme-muted" role="status">{pkg.error ?? t('callme.connecting')}</p>}
      </div>
    </div>
  );
}
