import { useState, type FormEvent } from 'react';
import { Button } from '../components/button.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useDesk, type DeskChat } from './use-consultant-desk.tsx';

/** The consultant's chats (CALL-6, CALL-7): how many wait per package, "Start chat", and each open chat's window. */
export function ConsultantChatsPage() {
  const { t, tp } = useT();
  const desk = useDesk();
  return (
    <div className="callme-desk">
      <section className="callme-card" aria-labelledby="callme-queue-title">
        <h1 id="callme-queue-title" className="callme-h2">{t('consultant.nav.chats')}</h1>
        <ul className="callme-queue">
          {desk.packages.map((p) => {
            const waiting = desk.waiting[p.id] ?? 0;
            return (
              <li key={p.id} data-testid="consultant-queue" data-waiting={waiting}>
                <span>{p.name}</span>
                <span className="callme-status" role="status">{tp('consultant.waiting', waiting)}</span>
                <Button variant="primary" size="sm" disabled={waiting === 0} onClick={() => desk.take(p.id)}>{t('consultant.startChat')}</Button>
              </li>
            );
          })}
        </ul>
      </section>
      {desk.chats.length === 0 ? <p className="callme-muted">{t('consultant.noChats')}</p> : desk.chats.map((chat) => <ChatWindow key={chat.chatId} chat={chat} />)}
    </div>
  );
}

function ChatWindow({ chat }: { chat: DeskChat }) {
  const { t, lang } = useT();
  const desk = useDesk();
  const [text, setText] = useState('');
  // While the connection is away a reply could not reach the server: it stays in the box until it can.
  const online = desk.connection === 'open';
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !online) return;
    desk.reply(chat, text);
    setText('');
  };
  return (
    <section className="callme-card callme-chat-window" aria-label={t('consultant.visitor')} data-testid="consultant-chat">
      <dl className="callme-visitor">
        <dt>{t('consultant.address')}</dt><dd data-testid="visitor-address">{chat.visitor.address}</dd>
        <dt>{t('consultant.os')}</dt><dd data-testid="visitor-os">{chat.visitor.os}</dd>
        <dt>{t('consultant.browser')}</dt><dd data-testid="visitor-browser">{chat.visitor.browser}</dd>
      </dl>
      <ol className="callme-lines" aria-live="polite">
        {chat.lines.map((l) => <li key={l.id} className={`callme-line callme-line-${l.author === 'consultant' ? 'visitor' : 'consultant'}`}>{l.kind === 'call-proposal' ? `☎ ${t('consultant.askCall')}` : l.body}</li>)}
      </ol>
      <form className="callme-composer" onSubmit={send}>
        <label className="visually-hidden" htmlFor={`reply-${chat.chatId}`}>{t('consultant.reply')}</label>
        <input id={`reply-${chat.chatId}`} className="input" value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} placeholder={t('consultant.reply')} autoComplete="off" />
        <Button type="submit" variant="primary" disabled={!online}>{t('callme.send')}</Button>
      </form>
      <div className="callme-actions">
        <Button onClick={() => desk.askCall(chat)}>{t('consultant.askCall')}</Button>
        <Button variant="danger" onClick={() => desk.closeChat(chat)}>{t('consultant.closeChat')}</Button>
      </div>
      <details className="callme-earlier" open={chat.earlierChats.length > 0}>
        <summary>{t('consultant.earlier')} ({chat.earlierChats.length})</summary>
        {chat.earlierChats.length === 0 ? <p className="callme-muted">{t('consultant.noEarlier')}</p> : chat.earlierChats.map((e) => (
          <div key={e.chatId} data-testid="earlier-chat">
            <p className="callme-muted">{formatDateTime(e.at, lang)}</p>
            <ul>{e.lines.map((l) => <li key={l.id}>{l.author === 'visitor' ? `${t('consultant.visitor')}: ` : ''}{l.body}</li>)}</ul>
          </div>
        ))}
      </details>
    </section>
  );
}
