import { useMemo } from 'react';
import type { ChatLine, QuestionView, RoomError } from '../../../shared/room-messages.ts';
import { useT } from '../i18n/i18n.tsx';
import { ChatComposer } from './chat-composer.tsx';
import { ChatLog } from './chat-log.tsx';
import type { LiveView } from './live-view.ts';
import { TranslationPicker } from './translation-picker.tsx';
import type { ChatTranslation } from './use-chat-feed.ts';

/** The chat tab: translation choice, the log (with delete and "mark as question"), and the message box. */
export function ChatPanel({ live, staff, selfId, messages, translations, questions, language, connected, roomError, onLanguage, onSend, onDelete, onMarkQuestion, onEdit }: {
  live: LiveView;
  staff: boolean;
  selfId: string;
  messages: ChatLine[];
  translations: ReadonlyMap<string, ChatTranslation>;
  questions: QuestionView[];
  language: string | null;
  connected: boolean;
  roomError: RoomError | undefined;
  onLanguage: (language: string | null) => void;
  onSend: (text: string, asQuestion: boolean) => boolean;
  onDelete: (messageId: string) => void;
  onMarkQuestion: (messageId: string) => void;
  onEdit: () => void;
}) {
  const { t } = useT();
  // A line is "asked" when a question names it as its source.
  const asked = useMemo(() => new Set(questions.map((q) => q.chatMessageId).filter((id): id is string => id !== null)), [questions]);
  const chatOffForMe = !live.chatEnabled && !staff;
  return (
    <>
      <div className="panel-head">
        <h2 className="panel-title">{t('room.chat')}</h2>
        <TranslationPicker available={live.translationAvailable} language={language} onChange={onLanguage} />
      </div>
      <ChatLog messages={messages} selfId={selfId} translations={translations} markAny={staff}
        isQuestion={(line) => asked.has(line.id)}
        onDelete={staff ? onDelete : undefined}
        onMarkQuestion={live.qaOpen ? (line) => onMarkQuestion(line.id) : undefined} />
      <ChatComposer
        onSend={onSend}
        qaOpen={live.qaOpen && live.status === 'live'}
        disabled={!connected}
        notice={chatOffForMe ? t('room.chatOff') : staff && !live.chatEnabled ? t('room.chatOffStaff') : undefined}
        roomError={roomError}
        onEdit={onEdit}
        locked={chatOffForMe}
      />
    </>
  );
}
