import { escapeHtml } from '../mail/templates/layout.ts';
import type { MailContent } from '../mail/mail-types.ts';
import type { NewMail } from '../mail/mail-queue.ts';
import type { ChatLine, Visitor } from './chat-queue-store.ts';
import type { Consultant } from './consultants-store.ts';
import type { CallmePackage } from './packages-store.ts';

export const CHAT_HISTORY_MAIL_KIND = 'callme-chat-history';

const AUTHOR = { en: { visitor: 'Visitor', consultant: 'You', system: 'System' }, pl: { visitor: 'Odwiedzający', consultant: 'Ty', system: 'System' } } as const;
const SUBJECT = { en: (company: string) => `Chat history: ${company}`, pl: (company: string) => `Historia czatu: ${company}` } as const;

/** The history of one closed chat, e-mailed to its consultant if they chose so (CALL-4), in the package's language. */
export function chatHistoryMail(pkg: CallmePackage, consultant: Consultant, visitor: Visitor | undefined, lines: ChatLine[], chatId: string): NewMail {
  const names = AUTHOR[pkg.language];
  const who = visitor ? `${visitor.address} · ${visitor.os} · ${visitor.browser}` : '';
  const text = [who, '', ...lines.map((l) => `[${l.at.slice(11, 16)}] ${names[l.author]}: ${l.body}`)].join('\n');
  const html = `<p>${escapeHtml(who)}</p><ul>${lines.map((l) => `<li><b>${escapeHtml(names[l.author])}</b> (${escapeHtml(l.at.slice(11, 16))} UTC): ${escapeHtml(l.body)}</li>`).join('')}</ul>`;
  const content: MailContent = { subject: SUBJECT[pkg.language](pkg.companyName), text, html, attachments: [], headers: {} };
  return { accountId: pkg.accountId, kind: CHAT_HISTORY_MAIL_KIND, to: consultant.email, content, dedupeKey: `callme-chat:${chatId}` };
}
