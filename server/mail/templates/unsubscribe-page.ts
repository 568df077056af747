import type { UnsubscribeClaim } from '../unsubscribe-links.ts';
import { escapeHtml } from './layout.ts';
import { fill, words } from './mail-text.ts';

/**
 * The small page behind an unsubscribe link: a confirmation button (GET shows it; only
 * the POST unsubscribes, so a mail scanner opening links changes nothing), then "done".
 */
export function unsubscribePage(claim: UnsubscribeClaim | undefined, step: 'confirm' | 'done'): string {
  const w = words(claim?.language ?? 'en');
  const body = !claim
    ? `<h1>${escapeHtml(w.invalidLink)}</h1>`
    : step === 'confirm'
      ? `<h1>${escapeHtml(w.unsubscribeConfirmTitle)}</h1><p>${escapeHtml(fill(w.unsubscribeConfirmText, { email: claim.email }))}</p><form method="post"><button type="submit">${escapeHtml(w.unsubscribeButton)}</button></form>`
      : `<h1>${escapeHtml(w.unsubscribedTitle)}</h1><p>${escapeHtml(fill(w.unsubscribedText, { email: claim.email }))}</p>`;
  return `<!doctype html><html lang="${claim?.language ?? 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(w.unsubscribeLabel)}</title>`
    + '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#2563eb;color:#fff;cursor:pointer}</style>'
    + `</head><body>${body}</body></html>`;
}
