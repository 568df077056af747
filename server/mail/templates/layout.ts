/**
 * The frame every e-mail shares: an HTML part (inline styles, tables: what mail clients
 * understand) and a plain-text part built from the same blocks. Everything that comes
 * from organizers or attendees is escaped here, once.
 */

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'facts'; rows: { label: string; value: string; note?: string | undefined }[] }
  | { type: 'button'; label: string; url: string; fallback: string }
  | { type: 'note'; text: string };

export interface Layout {
  title: string;
  blocks: Block[];
  signature: string;
  /** A footer link (unsubscribe). */
  footer?: { text: string; label: string; url: string } | undefined;
  color?: string | null | undefined;
  language: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const lines = (value: string) => escapeHtml(value).replace(/\r?\n/g, '<br>');
/** Only our own colour format reaches the style attribute. */
const safeColor = (color: string | null | undefined) => (color && /^#[0-9a-f]{6}$/i.test(color) ? color : '#2563eb');

function blockHtml(block: Block, color: string): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="margin:0 0 16px;line-height:1.5">${lines(block.text)}</p>`;
    case 'note':
      return `<p style="margin:0 0 16px;line-height:1.5;color:#555;font-size:13px">${lines(block.text)}</p>`;
    case 'facts':
      return `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">${block.rows.map((row) =>
        `<tr><td style="padding:4px 16px 4px 0;color:#555;vertical-align:top">${escapeHtml(row.label)}</td><td style="padding:4px 0"><strong>${lines(row.value)}</strong>${row.note ? `<br><span style="color:#555;font-size:13px">${lines(row.note)}</span>` : ''}</td></tr>`).join('')}</table>`;
    case 'button':
      return `<p style="margin:24px 0"><a href="${escapeHtml(block.url)}" style="background:${color};color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(block.label)}</a></p>`
        + `<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(block.fallback)}<br><a href="${escapeHtml(block.url)}" style="color:${color};word-break:break-all">${escapeHtml(block.url)}</a></p>`;
  }
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'note':
      return block.text;
    case 'facts':
      return block.rows.map((row) => `${row.label}: ${row.value}${row.note ? `\n  ${row.note}` : ''}`).join('\n');
    case 'button':
      return `${block.label}: ${block.url}`;
  }
}

export function renderLayout(layout: Layout): { html: string; text: string } {
  const color = safeColor(layout.color);
  const html = `<!doctype html><html lang="${escapeHtml(layout.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(layout.title)}</title></head>`
    + `<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328">`
    + `<table role="presentation" width="100%" style="border-collapse:collapse"><tr><td align="center" style="padding:24px 12px">`
    + `<table role="presentation" width="100%" style="max-width:600px;background:#fff;border-radius:8px;border-top:4px solid ${color};border-collapse:collapse"><tr><td style="padding:24px">`
    + layout.blocks.map((b) => blockHtml(b, color)).join('')
    + `<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0 12px"><p style="margin:0;font-size:13px;color:#555">${lines(layout.signature)}</p>`
    + (layout.footer ? `<p style="margin:12px 0 0;font-size:12px;color:#777"><a href="${escapeHtml(layout.footer.url)}" style="color:#777">${escapeHtml(layout.footer.label)}</a></p>` : '')
    + `</td></tr></table></td></tr></table></body></html>`;
  const text = [...layout.blocks.map(blockText), '--', layout.signature, ...(layout.footer ? [layout.footer.text] : [])].join('\n\n') + '\n';
  return { html, text };
}
