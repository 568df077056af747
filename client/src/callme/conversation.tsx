import { useEffect, useRef, useState, type FormEvent } from 'react';
import { estimateMinutes } from '../../../shared/callme-estimate.ts';
import type { PublicPackageOut } from '../../../shared/callme-schemas.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { OrderCallForm } from './order-call-form.tsx';
import type { VisitorRoom } from './use-visitor-room.ts';
import { useVoiceCall } from './use-voice-call.ts';

/** Asks for the microphone on the visitor's click (the browser's prompt needs that gesture), then lets it go again. */
async function askMicrophone(): Promise<boolean> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) track.stop();
    return true;
  } catch {
    return false;
  }
}

/**
 * What a visitor sees in the widget frame and on the call page (CALL-3, CALL-6): start
 * a call or a chat, the queue place, the chat, the call, or "order a call" when nobody
 * can answer. Chat lines are rendered as text only.
 */
export function Conversation({ room, pkg, allowChat = true }: { room: VisitorRoom; pkg: PublicPackageOut; allowChat?: boolean }) {
  const { t } = useT();
  const [micBlocked, setMicBlocked] = useState(false);
  const [ordering, setOrdering] = useState(false);
  const call = room.call;
  const voice = useVoiceCall(call?.state === 'connected' ? call.media : undefined);
  const available = (room.consultants ?? pkg.consultants).some((c) => c.status === 'available');
  const canCall = pkg.button.mode !== 'chat';
  const canChat = pkg.button.mode !== 'voice' && allowChat;

  const startCall = async (chatId?: string) => {
    if (!(await askMicrophone())) return setMicBlocked(true);
    setMicBlocked(false);
    room.send('call', chatId ? { chatId } : {});
  };

  if (room.status === 'connecting') return <p className="callme-muted" role="status">{t('callme.connecting')}</p>;
  if (room.status === 'failed') return <Alert>{t('callme.connectFailed', { reason: room.failure ?? '' })}</Alert>;
  // While the socket comes back, what was shown stays (the room sends it again, up to date).
  const reconnecting = room.status === 'reconnecting' ? <p className="callme-reconnecting" role="status" data-testid="callme-reconnecting">{t('callme.reconnecting')}</p> : null;

  if (call?.state === 'ringing' || call?.state === 'connected') {
    const name = call.consultant?.firstName ?? '';
    return (
      <section className="callme-call" aria-live="polite" data-testid="callme-call" data-call-state={call.state} data-voice={voice.state}>
        {reconnecting}
        {call.state === 'ringing' ? <p className="callme-status">{t('callme.ringing')}</p> : <p className="callme-status">{t('callme.inCall', { name })}</p>}
        {(voice.micBlocked || micBlocked) && <Alert tone="warning">{t('callme.micBlocked')}</Alert>}
        <div className="callme-actions">
          {call.state === 'connected' && <Button onClick={voice.toggleMute} aria-pressed={voice.muted}>{voice.muted ? t('callme.unmute') : t('callme.mute')}</Button>}
          <Button variant="danger" onClick={() => room.send('hangup', { callId: call.callId })}>{t('callme.hangUp')}</Button>
        </div>
      </section>
    );
  }

  const chatOpen = room.chatId !== undefined && !room.chatClosed;
  const callNotice = call?.state === 'ended' ? (
    <Alert tone="info">
      {call.meetingUrl ? <>{t('callme.meetingInvite')} <a href={call.meetingUrl} target="_blank" rel="noopener">{t('callme.openMeeting')}</a></> : call.reason === 'interrupted' ? t('callme.callInterrupted') : t('callme.callEnded')}
    </Alert>
  ) : call?.state === 'unanswered' && call.reason === 'no-media' ? <Alert tone="warning">{t('callme.noMedia')}</Alert> : null;

  if (chatOpen) return <>{reconnecting}{callNotice}<ChatView room={room} onCall={(chatId) => void startCall(chatId)} />{call?.state === 'unanswered' && call.reason !== 'no-media' && <OrderCallForm packageId={pkg.id} hours={pkg.hours} timeZone={pkg.timeZone} reason="nobody" />}</>;

  // The server says when the hours ended while the page was open (it checks them at each call and chat).
  const closedNow = !pkg.openNow || room.error?.code === 'closed';
  if (closedNow || ordering || (call?.state === 'unanswered' && call.reason !== 'no-media')) {
    return (
      <>
        {reconnecting}
        {call?.state === 'unanswered' && <Alert tone="info">{t('callme.callRejected')}</Alert>}
        <OrderCallForm packageId={pkg.id} hours={pkg.hours} timeZone={pkg.timeZone} reason={closedNow ? 'closed' : 'nobody'} />
      </>
    );
  }

  return (
    <section className="callme-start">
      {reconnecting}
      {callNotice}
      {room.chatClosed && <Alert tone="success">{t('callme.chatClosed')}</Alert>}
      {micBlocked && <Alert tone="warning">{t('callme.micBlocked')}</Alert>}
      <div className="callme-actions callme-actions-stack">
        {canCall && available && <Button variant="primary" onClick={() => void startCall()}>{t('callme.startCall')}</Button>}
        {canChat && <Button variant={canCall && available ? 'secondary' : 'primary'} onClick={() => { room.resetChat(); room.send('queue', {}); }}>{room.chatClosed ? t('callme.newChat') : t('callme.startChat')}</Button>}
        {canCall && !available && <Button onClick={() => setOrdering(true)}>{t('callme.order.title')}</Button>}
      </div>
      {canCall && !available && <p className="callme-muted">{t('callme.nobodyNow')}</p>}
    </section>
  );
}

function ChatView({ room, onCall }: { room: VisitorRoom; onCall(chatId: string): void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [room.lines.length]);
  // While the connection is away a line could not reach the server: it stays in the box until it can.
  const online = room.status === 'open';
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !online) return;
    room.send('say', { body: text });
    setText('');
  };
  const name = room.consultant?.firstName ?? '';
  return (
    <section className="callme-chat" data-testid="callme-chat">
      {room.place && (
        <p className="callme-status" role="status" data-testid="callme-place" data-position={room.place.position} data-estimate-minutes={estimateMinutes(room.place.estimateSeconds)}>
          {t('callme.place', { position: room.place.position })} · {t('callme.estimate', { minutes: estimateMinutes(room.place.estimateSeconds) })}
        </p>
      )}
      {room.consultant && <p className="callme-status">{t('callme.connectedWith', { name })}</p>}
      <ol className="callme-lines" ref={list} aria-live="polite">
        {room.lines.map((line) => (
          <li key={line.id} className={`callme-line callme-line-${line.author}`}>
            {line.kind === 'call-proposal' ? (
              <span>{t('callme.callProposal', { name })} <Button size="sm" variant="primary" onClick={() => onCall(line.chatId)}>{t('callme.acceptCall')}</Button></span>
            ) : line.body}
          </li>
        ))}
      </ol>
      {room.error && <Alert key={room.error.seq}>{room.error.message}</Alert>}
      <form className="callme-composer" onSubmit={send}>
        <label className="visually-hidden" htmlFor="callme-message">{t('callme.message')}</label>
        <input id="callme-message" className="input" value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} placeholder={t('callme.message')} autoComplete="off" />
        <Button type="submit" variant="primary" disabled={!online}>{t('callme.send')}</Button>
      </form>
      <Button variant="ghost" size="sm" onClick={() => room.send('leave', {})}>{t('callme.leaveChat')}</Button>
    </section>
  );
}
