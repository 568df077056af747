import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { JoinOut } from '../../../shared/join-schemas.ts';
import { CLIENT_MESSAGES } from '../../../shared/room-messages.ts';
import { isStaff } from '../../../shared/room-policy.ts';
import { Brand } from '../components/brand.tsx';
import { guestLogo, useGuestPage } from '../branding/branding-context.ts';
import { Button } from '../components/button.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { HandAlert } from './hand-alert.tsx';
import { HostBar } from './host-bar.tsx';
import { RecLight } from '../recordings/rec-control.tsx';
import { LeaveMenu } from './leave-menu.tsx';
import { roleKey } from './participant-list.tsx';
import { RoomEndPanel } from './room-end-panel.tsx';
import { RoomToast } from './room-toast.tsx';
import { RoomTabs } from './room-tabs.tsx';
import { Stage } from './stage.tsx';
import { StageFallback } from './stage-fallback.tsx';
import { useChatFeed } from './use-chat-feed.ts';
import { useQuestionsFeed } from './use-questions-feed.ts';
import { useRoomConnection } from './use-room-connection.ts';
import { useStaffFeed } from './use-staff-feed.ts';
import { WaitingPanel } from './waiting-panel.tsx';
import { WaitingCount } from './waiting-list.tsx';
import { Whiteboard } from '../whiteboard/whiteboard.tsx';
import { SlideInk } from '../whiteboard/slide-ink.tsx';
import { ReplacedPanel } from '../join/replaced-panel.tsx';

// Audio and video (client/src/media), loaded only in the live room: LiveKit's client is big.
const MediaStage = lazy(() => import('../media/media-stage.tsx'));

/**
 * The event as its participants experience it: the waiting room before the start, then
 * the live room (the main window with the side panel's tabs beside it, or below it on
 * a phone), and a closing card at the end.
 */
export function RoomView({ join, onLeft, onRejoin }: { join: JoinOut; onLeft: () => void; onRejoin: (ticketRefused: boolean) => void }) {
  const { t, tp } = useT();
  const logo = guestLogo(useGuestPage());
  const chat = useChatFeed();
  const qa = useQuestionsFeed();
  const staffFeed = useStaffFeed();
  const room = useRoomConnection(join, [chat.attach, qa.attach, staffFeed.attach]);
  const [leaving, setLeaving] = useState(false);
  const [language, setLanguage] = useState<string | null>(null);
  const languageChosen = useRef(false);
  /** Where the room's next refusal belongs: under the chat box, or in a notice over the room. */
  const lastAction = useRef<'chat' | 'control'>('chat');

  const role = room.you?.role ?? join.participant.role;
  const selfId = room.you?.participantId ?? join.participant.id;
  const staff = isStaff(role);
  const live = room.live;
  const inLive = room.status === 'live' || (room.status === 'reconnecting' && live !== undefined);

  // The translation target belongs to the connection: tell the room again after every (re)entry.
  useEffect(() => {
    if (room.status === 'live' && languageChosen.current) room.send(CLIENT_MESSAGES.chatLanguage, { language });
  }, [room.status, language, room.send]);

  const leave = async () => {
    setLeaving(true);
    await room.leave();
    onLeft();
  };
  const act = (type: string, message: unknown = {}) => {
    lastAction.current = 'control';
    room.clearRoomError();
    room.send(type, message);
  };
  const sendChat = (text: string, asQuestion: boolean) => {
    lastAction.current = 'chat';
    room.clearRoomError();
    return room.sendChat(text, asQuestion);
  };
  // Asked from the Q&A tab: a refusal belongs over the room, not under the chat box in another tab.
  const askQuestion = (text: string) => {
    lastAction.current = 'control';
    room.clearRoomError();
    return room.sendChat(text, true);
  };
  // A notice nobody asked for (a file on the stage was deleted) always shows over the room.
  const overRoom = lastAction.current === 'control' || room.roomError?.code === 'stage-file-deleted';
  const chatError = overRoom ? undefined : room.roomError;
  const controlError = overRoom ? room.roomError : undefined;

  let body;
  if (room.status === 'replaced') {
    // Issue 10: the same personal link was opened on another device, which has the seat now.
    body = <ReplacedPanel onTakeBack={() => onRejoin(false)} />;
  } else if (room.status === 'ended' || room.status === 'removed') {
    body = <RoomEndPanel kind={room.status} thankYouUrl={room.thankYouUrl} isStaff={staff} isHost={role === 'host'} eventId={join.room.eventId} rating={{ eventId: join.room.eventId, ticket: room.ticket }} />;
  } else if (inLive && live?.status === 'ended') {
    // Issue 10: staff entering an event that is over see that it ended, not a room that looks ready.
    body = <RoomEndPanel kind="ended" thankYouUrl={room.thankYouUrl} isStaff={staff} isHost={role === 'host'} eventId={join.room.eventId} rating={{ eventId: join.room.eventId, ticket: room.ticket }} />;
  } else if (room.status === 'waiting' || (room.status === 'reconnecting' && !live && room.waiting)) {
    body = <WaitingPanel waiting={room.waiting} fallbackName={join.event.name} fallbackStartsAt={join.event.startsAt} fallbackTimeZone={join.event.timeZone} kind={join.event.kind} />;
  } else if (inLive && live) {
    body = (
      <>
        {staff && <HostBar live={live} isHost={role === 'host'} waitingList={staffFeed.waiting} act={act} />}
        <div className="room-body">
          <Stage live={live} staff={staff} you={room.you} yourAnswers={room.yourAnswers} liveResults={staffFeed.liveResults}
            ctaStats={staffFeed.ctaStats} reactions={staffFeed.reactions} waiting={staff && live.status === 'waiting' ? staffFeed.waiting.length : 0} errorSeq={room.roomError?.seq} act={act} clock={room.connection}
            media={(stage) => (
              <Suspense fallback={<StageFallback {...stage} />}>
                <MediaStage join={join} connection={room.connection} you={room.you} {...stage} />
              </Suspense>
            )}
            whiteboard={<Whiteboard eventId={join.room.eventId} ticket={room.ticket} role={role} onCollaborationChange={role === 'host' ? (enabled) => act(CLIENT_MESSAGES.setCollaboration, { enabled }) : undefined} />}
            slideInk={(inkPage) => <SlideInk eventId={join.room.eventId} ticket={room.ticket} role={role} inkPage={inkPage} />} />
          <RoomTabs live={live} staff={staff} isHost={role === 'host'} selfId={selfId} connected={room.status === 'live'}
            chat={chat} questions={qa.questions} staffFeed={staffFeed} votedIds={room.you?.votedQuestionIds} yourAnswers={room.yourAnswers}
            language={language} chatError={chatError} onEditChat={room.clearRoomError}
            onLanguage={(next) => {
              languageChosen.current = true;
              setLanguage(next);
            }}
            sendChat={sendChat} askQuestion={askQuestion} act={act} />
        </div>
        <RoomToast error={controlError} onDismiss={room.clearRoomError} />
      </>
    );
  } else {
    body = room.status === 'connecting'
      ? <p className="page-loading" role="status" data-testid="join-place">{room.ahead ? tp('audience.joiningAhead', room.ahead) : t('room.connecting')}</p>
      : null;
  }

  return (
    <div className="room" data-testid="room" data-status={room.status}>
      <header className="room-header">
        {logo ? <img className="room-logo" src={logo} alt={t('branding.logoAlt')} data-testid="organizer-logo" /> : <Brand compact />}
        <div className="room-title">
          <h1 className="room-event-name">{join.event.name}</h1>
          <div className="room-badges">
            <span className={`badge badge-role-${role}`} data-testid="own-role">{t('room.youAre', { role: t(roleKey(role)) })}</span>
            {live?.status === 'live' && inLive && <span className="badge badge-live">{t('room.live')}</span>}
            {staff && live?.status === 'waiting' && inLive && <WaitingCount entries={staffFeed.waiting} />}
            {live && inLive && <RecLight state={live.recording} />}
            {live && inLive && (
              <span className={`badge badge-mode badge-mode-${live.mode}`} title={t(`mode.explain.${live.mode}`)} data-testid="room-mode">{t(`mode.badge.${live.mode}`)}</span>
            )}
          </div>
        </div>
        <div className="room-header-actions">
          {staff && live && inLive && <HandAlert roster={staffFeed.roster} handsRaised={live.handsRaised} />}
          <LanguageSwitch />
          {room.status !== 'ended' && room.status !== 'removed' && room.status !== 'replaced' && (
            <LeaveMenu isHost={role === 'host'} canEnd={live?.status === 'live' && inLive} leaving={leaving}
              onLeave={() => void leave()} onEnd={() => act(CLIENT_MESSAGES.end)} />
          )}
        </div>
      </header>

      <div className="room-frame">
        {/* Over the room, not in its flow: losing the connection must not move anything. */}
        {room.status === 'reconnecting' && <div className="room-banner room-banner-warning" role="status" data-testid="connection-lost">{t('room.reconnecting')}</div>}
        {room.status === 'failed' && (
          <div className="room-banner room-banner-error" role="alert" data-testid="connection-lost">
            <span>{live || room.waiting ? t('room.connectionLost') : `${t('room.connectFailed')} ${errorText(t, room.failure)}`}</span>
            <Button size="sm" variant="primary" onClick={() => onRejoin(!live && !room.waiting)}>{t('room.rejoin')}</Button>
          </div>
        )}
        {body}
      </div>
    </div>
  );
}
