import { CircleHelp, X } from 'lucide-react';
import { useLayoutEffect, useRef } from 'react';
import type { ChatLine } from '../../../shared/room-messages.ts';
import { formatClock } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { roleKey } from './participant-list.tsx';
import type { ChatTranslation } from './use-chat-feed.ts';

/** Lines from the same person within this gap share one name header. */
const GROUP_GAP_MS = 2 * 60_000;
/** How close to the bottom counts as "reading the latest", so new lines scroll into view. */
const STICKY_PX = 80;

/**
 * The chat history. Text is rendered as React text nodes, never as HTML, so whatever
 * people type is shown exactly as typed and cannot inject markup.
 */
export function ChatLog({ messages, selfId, onDelete, translations, isQuestion, onMarkQuestion, markAny = false }: {
  messages: ChatLine[];
  selfId: string;
  /** Given to hosts and presenters, who may remove any line. */
  onDelete?: ((id: string) => void) | undefined;
  translations: ReadonlyMap<string, ChatTranslation>;
  /** Whether a line is already in the Q&A list. */
  isQuestion: (line: ChatLine) => boolean;
  /** Given while Q&A is open: staff may mark any line, attendees their own (ROOM-7). */
  onMarkQuestion?: ((line: ChatLine) => void) | undefined;
  /** Hosts and presenters may mark anyone's line; attendees only their own. */
  markAny?: boolean;
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
        const translation = translations.get(line.id);
        const question = isQuestion(line);
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
              <div className={`chat-text ${question ? 'is-question' : ''}`} title={grouped ? formatClock(line.sentAt, lang) : undefined}>
                {question && <span className="chat-question-tag"><span aria-hidden="true">?</span> {t('chat.isQuestion')}</span>}
                {translation ? (
                  <>
                    <p lang={translation.language} data-testid="chat-translation">{translation.text}</p>
                    <p className="chat-original"><span className="chat-translated-label">{t('chat.translated', { language: translation.language.toUpperCase() })}</span> {line.text}</p>
                  </>
                ) : (
                  <p>{line.text}</p>
                )}
              </div>
              {onMarkQuestion && !question && (own || markAny) && (
                <button type="button" className="chat-action" onClick={() => onMarkQuestion(line)} aria-label={t('chat.markQuestion')} title={t('chat.markQuestion')} data-testid="mark-question">
                  <CircleHelp size={14} aria-hidden="true" />
                </button>
              )}
              {onDelete && (
                <button type="button" className="chat-action chat-delete" onClick={() => onDelete(line.id)} aria-label={t('room.deleteMessage')} title={t('room.deleteMessage')}>
                  <X size={14} aria-hidden="true" />
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
