import { useRef, useState } from 'react';
import type { JoinOut } from '../../../shared/join-schemas.ts';
import { CLIENT_MESSAGES } from '../../../shared/room-messages.ts';
import { isStaff } from '../../../shared/room-policy.ts';
import { Brand } from '../components/brand.tsx';
import { Button } from '../components/button.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { ChatComposer } from './chat-composer.tsx';
import { ChatLog } from './chat-log.tsx';
import { HostBar } from './host-bar.tsx';
import { onlineCount, ParticipantList, roleKey } from './participant-list.tsx';
import { RoomEndPanel } from './room-end-panel.tsx';
import { useRoomConnection } from './use-room-connection.ts';
import { WaitingPanel } from './waiting-panel.tsx';
import { Whiteboard } from '../whiteboard/whiteboard.tsx';

type Tab = 'chat' | 'people';

/**
 * The event as its participants experience it: the waiting room before the start, then
 * the live room (who is here, and the chat), and a closing card at the end. Side by side
 * on a laptop; on a phone the live room's two parts are tabs.
 */
export function RoomView({ join, onLeft, onRejoin }: { join: JoinOut; onLeft: () => void; onRejoin: (ticketRefused: boolean) => void }) {
  const { t, tp } = useT();
  const room = useRoomConnection(join);
  const [tab, setTab] = useState<Tab>('chat');
  const [leaving, setLeaving] = useState(false);
  /** Where the room's next refusal belongs: under the chat box or next to the host's buttons. */
  const lastAction = useRef<'chat' | 'control'>('chat');

  const role = room.you?.role ?? join.participant.role;
  const selfId = room.you?.participantId ?? join.participant.id;
  const staff = isStaff(role);
  const live = room.live;
  const inLive = room.status === 'live' || (room.status === 'reconnecting' && live !== undefined);

  const leave = async () => {
    setLeaving(true);
    await room.leave();
    onLeft();
  };
  const control = (type: string, message: unknown = {}) => {
    lastAction.current = 'control';
    room.clearRoomError();
    room.send(type, message);
  };
  const sendChat = (text: string) => {
    lastAction.current = 'chat';
    room.clearRoomError();
    return room.sendChat(text);
  };
  const chatError = lastAction.current === 'chat' ? room.roomError : undefined;
  const controlError = lastAction.current === 'control' ? room.roomError : undefined;
  const chatOffForMe = live !== undefined && !live.chatEnabled && !staff;

  let body;
  if (room.status === 'ended' || room.status === 'removed') {
    body = <RoomEndPanel kind={room.status} thankYouUrl={room.thankYouUrl} isHost={role === 'host'} />;
  } else if (room.status === 'waiting' || (room.status === 'reconnecting' && !live && room.waiting)) {
    body = <WaitingPanel waiting={room.waiting} fallbackName={join.event.name} fallbackStartsAt={join.event.startsAt} />;
  } else if (inLive && live) {
    const people = onlineCount(room.roster, live.speakers, live.attendeesOnline);
    body = (
      <>
        {staff && <HostBar live={live} isHost={role === 'host'} error={controlError} onStart={() => control(CLIENT_MESSAGES.start)} onEnd={() => control(CLIENT_MESSAGES.end)} onChatEnabled={(enabled) => control(CLIENT_MESSAGES.setChatEnabled, { enabled })} />}
        <div className="room-tabs" role="tablist" aria-label={t('room.tabs')}>
          <button type="button" role="tab" id="tab-chat" aria-controls="panel-chat" aria-selected={tab === 'chat'} className="room-tab" onClick={() => setTab('chat')}>
            {t('room.chat')}
          </button>
          <button type="button" role="tab" id="tab-people" aria-controls="panel-people" aria-selected={tab === 'people'} className="room-tab" onClick={() => setTab('people')}>
            {t('room.participants')} <span className="tab-count">{people}</span>
          </button>
        </div>
        <div className="room-body">
          <aside id="panel-people" role="tabpanel" aria-labelledby="tab-people" className={`room-panel room-people ${tab === 'people' ? 'is-active' : ''}`}>
            <div className="panel-head">
              <h2 className="panel-title">{t('room.participants')}</h2>
              <span className="muted small">{tp('room.peopleOnline', people)}</span>
            </div>
            <ParticipantList roster={room.roster} speakers={live.speakers} attendeesOnline={live.attendeesOnline} selfId={selfId} />
          </aside>
          {/* ROOM-10 whiteboard in the main window (whiteboard branch; layout in client/src/whiteboard/whiteboard.css). */}
          <div className="room-main">
            <Whiteboard eventId={join.room.eventId} ticket={room.ticket} role={role} onCollaborationChange={role === 'host' ? (enabled) => control(CLIENT_MESSAGES.setCollaboration, { enabled }) : undefined} />
          </div>
          <section id="panel-chat" role="tabpanel" aria-labelledby="tab-chat" className={`room-panel room-chat ${tab === 'chat' ? 'is-active' : ''}`}>
            <div className="panel-head hide-sm">
              <h2 className="panel-title">{t('room.chat')}</h2>
            </div>
            <ChatLog messages={room.messages} selfId={selfId} onDelete={staff ? (messageId) => control(CLIENT_MESSAGES.chatDelete, { messageId }) : undefined} />
            <ChatComposer
              onSend={sendChat}
              disabled={room.status !== 'live'}
              notice={chatOffForMe ? t('room.chatOff') : staff && !live.chatEnabled ? t('room.chatOffStaff') : undefined}
              roomError={chatError}
              onEdit={room.clearRoomError}
              locked={chatOffForMe}
            />
          </section>
        </div>
      </>
    );
  } else {
    body = room.status === 'connecting' ? <p className="page-loading">{t('room.connecting')}</p> : null;
  }

  return (
    <div className="room" data-testid="room" data-status={room.status}>
      <header className="room-header">
        <Brand compact />
        <div className="room-title">
          <h1 className="room-event-name">{join.event.name}</h1>
          <span className={`badge badge-role-${role}`} data-testid="own-role">{t('room.youAre', { role: t(roleKey(role)) })}</span>
          {live?.status === 'live' && inLive && <span className="badge badge-live">{t('room.live')}</span>}
        </div>
        <div className="room-header-actions">
          <LanguageSwitch />
          {room.status !== 'ended' && room.status !== 'removed' && (
            <Button size="sm" variant="secondary" onClick={() => void leave()} loading={leaving}>{t('room.leave')}</Button>
          )}
        </div>
      </header>

      {room.status === 'reconnecting' && <div className="room-banner room-banner-warning" role="status" data-testid="connection-lost">{t('room.reconnecting')}</div>}
      {room.status === 'failed' && (
        <div className="room-banner room-banner-error" role="alert" data-testid="connection-lost">
          <span>{live || room.waiting ? t('room.connectionLost') : `${t('room.connectFailed')} ${errorText(t, room.failure)}`}</span>
          <Button size="sm" variant="primary" onClick={() => onRejoin(!live && !room.waiting)}>{t('room.rejoin')}</Button>
        </div>
      )}
      {body}
    </div>
  );
}
