import { useLayoutEffect, useRef } from 'react';
import type { ChatLine } from '../../../shared/room-messages.ts';
import { formatClock } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { roleKey } from './participant-list.tsx';

/** Lines from the same person within this gap share one name header. */
const GROUP_GAP_MS = 2 * 60_000;
/** How close to the bottom counts as "reading the latest", so new lines scroll into view. */
const STICKY_PX = 80;

/**
 * The chat history. Text is rendered as React text nodes, never as HTML, so whatever
 * people type is shown exactly as typed and cannot inject markup.
 */
export function ChatLog({ messages, selfId, onDelete }: {
  messages: ChatLine[];
  selfId: string;
  /** Given to hosts and presenters, who may remove any line. */
  onDelete?: (id: string) => void;
}) {
  const { t, lang } = useT();
  const logRef = useRef<HTMLOListElement>(null);
  const stickToBottom = useRef(true);
  const lastCount = useRef(0);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const newest = messages[messages.length - 1];
    const ownNew = messages.length > lastCount.current && newest?.participantId === selfId;
    if (stickToBottom.current || ownNew) log.scrollTop = log.scrollHeight;
    lastCount.current = messages.length;
  }, [messages, selfId]);

  const onScroll = () => {
    const log = logRef.current;
    if (log) stickToBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < STICKY_PX;
  };

  if (messages.length === 0) {
    return <div className="chat-log chat-empty"><p className="muted">{t('room.chatEmpty')}</p></div>;
  }

  return (
    <ol className="chat-log" ref={logRef} onScroll={onScroll} role="log" aria-label={t('room.chat')} data-testid="chat-log" tabIndex={0}>
      {messages.map((line, i) => {
        const previous = messages[i - 1];
        const own = line.participantId === selfId;
        const grouped = previous !== undefined && previous.participantId === line.participantId
          && new Date(line.sentAt).getTime() - new Date(previous.sentAt).getTime() < GROUP_GAP_MS;
        return (
          <li key={line.id} className={`chat-line ${own ? 'is-own' : ''} ${grouped ? 'is-grouped' : ''}`} data-testid="chat-line">
            {!grouped && (
              <div className="chat-meta">
                <span className="chat-author">{own ? t('room.youAuthor') : line.name}</span>
                {line.role !== 'attendee' && <span className={`badge badge-xs badge-role-${line.role}`}>{t(roleKey(line.role))}</span>}
                <time className="chat-time" dateTime={line.sentAt}>{formatClock(line.sentAt, lang)}</time>
              </div>
            )}
            <div className="chat-bubble-row">
              <p className="chat-text" title={grouped ? formatClock(line.sentAt, lang) : undefined}>{line.text}</p>
              {onDelete && (
                <button type="button" className="chat-delete" onClick={() => onDelete(line.id)} aria-label={t('room.deleteMessage')} title={t('room.deleteMessage')}>
                  ×
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
