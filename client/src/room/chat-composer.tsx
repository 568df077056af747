import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CHAT_MAX_LENGTH, type RoomError } from '../../../shared/room-messages.ts';
import { useT } from '../i18n/i18n.tsx';
import { roomErrorText } from './room-error-text.ts';

/** The counter appears once a message gets this close to the limit. */
const COUNTER_FROM = CHAT_MAX_LENGTH - 200;
const MAX_ROWS_PX = 160;

/**
 * The message box: Enter sends, Shift+Enter breaks the line, the room's refusals show
 * right below. While Q&A is open, a message can go out as a question (ROOM-7).
 */
export function ChatComposer({ onSend, disabled, notice, locked = false, roomError, onEdit, qaOpen = false }: {
  onSend: (text: string, asQuestion: boolean) => boolean;
  qaOpen?: boolean;
  disabled: boolean;
  /** A standing remark shown instead of the hint, e.g. that the chat is off. */
  notice?: string | undefined;
  /** Nothing can be written at all (the chat is off for this person). */
  locked?: boolean;
  roomError: RoomError | undefined;
  onEdit: () => void;
}) {
  const { t, tp } = useT();
  const [text, setText] = useState('');
  const [asQuestion, setAsQuestion] = useState(false);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const trimmed = text.trim();
  const over = text.length - CHAT_MAX_LENGTH;
  const canSend = !disabled && !locked && trimmed.length > 0 && over <= 0;

  // Grow with the text up to a few lines, then scroll inside.
  useLayoutEffect(() => {
    const area = areaRef.current;
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, MAX_ROWS_PX)}px`;
  }, [text]);

  const send = () => {
    if (!canSend) return;
    if (onSend(trimmed, qaOpen && asQuestion)) {
      setText('');
      setAsQuestion(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send();
    areaRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Not while an input method is composing a character (e.g. Japanese, or Polish on some phones).
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-row">
        <label htmlFor="chat-input" className="visually-hidden">{t('room.messageLabel')}</label>
        <textarea
          id="chat-input"
          ref={areaRef}
          className="input composer-input"
          rows={1}
          placeholder={t('room.messagePlaceholder')}
          disabled={locked}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (roomError) onEdit();
          }}
          onKeyDown={onKeyDown}
          aria-describedby="chat-input-help"
          aria-invalid={over > 0 || roomError ? true : undefined}
          data-testid="chat-input"
        />
        <button type="submit" className="btn btn-primary composer-send" disabled={!canSend}>{t('room.send')}</button>
      </div>
      <div id="chat-input-help" className="composer-foot">
        {roomError ? (
          <span className="field-error" role="alert">{roomErrorText(t, roomError)}</span>
        ) : notice ? (
          <span className="composer-notice" role="status">{notice}</span>
        ) : qaOpen ? (
          // In the line the hint uses, so Q&A opening does not change the composer's height.
          <label className="composer-question">
            <input type="checkbox" checked={asQuestion} onChange={(e) => setAsQuestion(e.target.checked)} data-testid="send-as-question" />
            {t('chat.sendAsQuestion')}
          </label>
        ) : (
          <span className="composer-hint">{t('room.sendHint')}</span>
        )}
        {text.length >= COUNTER_FROM && (
          <span className={`composer-counter ${over > 0 ? 'is-over' : ''}`} aria-live="polite">
            {over > 0 ? tp('room.tooLong', over) : tp('room.charsLeft', CHAT_MAX_LENGTH - text.length)}
          </span>
        )}
      </div>
    </form>
  );
}
