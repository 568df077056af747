import * as v from 'valibot';
import { FrameToLoader, type LoaderToFrame } from '../../../shared/callme-widget-protocol.ts';
import type { ButtonSettings } from '../../../shared/callme-schemas.ts';
import { LOADER_CSS } from './loader-css.ts';

/**
 * The embed loader: the one `<script async src=".../w/<id>.js">` a website adds. The
 * server inlines the package's current settings in place of __CALLME_SETTINGS__, so the
 * host page needs no fetch and no connect-src. It draws only the button, in a shadow root
 * styled by a constructed stylesheet (not blocked by a strict style-src, unlike an inline
 * <style> or style attributes); the conversation lives in an iframe on our origin.
 * The shadow root is open so the page's own tests and assistive tools can reach it; a
 * closed one would protect nothing, the host page runs its scripts first anyway.
 */
declare const __CALLME_SETTINGS__: { packageId: string; button: ButtonSettings; websites: string[] };

(() => {
  const cfg = __CALLME_SETTINGS__;
  // A site not in the package's list gets no button (the frame would be refused by frame-ancestors anyway).
  if (!cfg.websites.includes(location.origin)) {
    console.warn(`Click-to-call: ${location.origin} is not one of this package's websites; add it in the package settings to show the button.`);
    return;
  }
  const script = document.currentScript as HTMLScriptElement | null;
  const origin = new URL(script?.src ?? '', location.href).origin;
  const b = cfg.button;
  const host = document.createElement('div');
  host.setAttribute('data-callme', cfg.packageId);
  host.dataset.state = 'closed';
  host.dataset.rejected = '0';
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LOADER_CSS);
  root.adoptedStyleSheets = [sheet];

  const wrap = document.createElement('div');
  wrap.className = `w ${b.corner} ${b.size} ${b.colour} stick-${b.stick}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn';
  button.setAttribute('part', 'button');
  button.setAttribute('aria-label', b.label);
  const icon = document.createElement('span');
  icon.className = `icon ${b.mode}`;
  icon.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = b.label;
  const badge = document.createElement('span');
  badge.className = 'badge';
  button.append(icon, label, badge);
  wrap.append(button);
  root.append(wrap);

  const showLabel = () => {
    wrap.classList.add('labelled');
    if (b.unstickWithLabel && b.labelVisibility !== 'always') wrap.classList.replace(`stick-${b.stick}`, 'stick-none');
  };
  if (b.labelVisibility === 'always') showLabel();
  if (b.labelVisibility === 'after-seconds') setTimeout(showLabel, b.labelAfterSeconds * 1000);

  // The visitor token is kept in the host site's storage: our frame's own is often blocked as third-party.
  const tokenKey = `callme-visitor:${cfg.packageId}`;
  const stored = () => {
    try { return localStorage.getItem(tokenKey); } catch { return null; }
  };
  let frame: HTMLIFrameElement | undefined;
  const setState = (state: 'closed' | 'open' | 'minimised') => {
    host.dataset.state = state;
    wrap.classList.toggle('open', state === 'open');
    wrap.classList.toggle('min', state === 'minimised');
    if (state !== 'closed') frame?.contentWindow?.postMessage({ type: 'callme:state', state } satisfies LoaderToFrame, origin);
  };
  const open = () => {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.className = 'frame';
      frame.title = b.label;
      frame.allow = 'microphone; autoplay';
      frame.src = `${origin}/w/${encodeURIComponent(cfg.packageId)}/frame?host=${encodeURIComponent(location.origin)}`;
      wrap.append(frame);
    }
    setState('open');
  };
  button.addEventListener('click', () => {
    if (b.labelVisibility === 'after-click') showLabel();
    if (host.dataset.state === 'open') setState('minimised');
    else open();
  });

  window.addEventListener('message', (event: MessageEvent) => {
    // Only our frame, from our origin, with a message that parses; anything else is counted and dropped.
    const parsed = v.safeParse(FrameToLoader, event.data);
    if (!frame || event.origin !== origin || event.source !== frame.contentWindow || !parsed.success) {
      if (typeof event.data === 'object' && event.data && String((event.data as { type?: unknown }).type).startsWith('callme:')) host.dataset.rejected = String(Number(host.dataset.rejected) + 1);
      return;
    }
    const m = parsed.output;
    if (m.type === 'callme:minimise') setState('minimised');
    else if (m.type === 'callme:restore') setState('open');
    else if (m.type === 'callme:unread') badge.textContent = m.count ? String(m.count) : '';
    else if (m.type === 'callme:ready') frame.contentWindow?.postMessage({ type: 'callme:token', token: stored() } satisfies LoaderToFrame, origin);
    else if (m.type === 'callme:token') {
      try { localStorage.setItem(tokenKey, m.token); } catch { /* the visitor is new next time */ }
    }
    else {
      frame.remove();
      frame = undefined;
      setState('closed');
    }
  });

  const attach = () => document.body.append(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);
})();
