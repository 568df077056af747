import { useEffect, useState } from 'react';
import { CLIENT_MESSAGES } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import './recordings.css';

/** The blinking red REC light everyone sees while the event is recorded (grey while private mode pauses it). */
export function RecLight({ state }: { state: string }) {
  const { t } = useT();
  if (!state) return null;
  const paused = state === 'paused';
  return (
    <span className={`rec-light ${paused ? 'is-paused' : ''}`} role="status" title={t(paused ? 'rec.lightPaused' : 'rec.lightRecording')} data-testid="rec-light" data-state={state}>
      {t('rec.light')}
      <span className="visually-hidden">{t(paused ? 'rec.lightPaused' : 'rec.lightRecording')}</span>
    </span>
  );
}

/** The host's REC / stop button; the room's language goes with the recording. */
export function RecButton({ recording, act }: { recording: string; act: (type: string, message?: unknown) => void }) {
  const { t, lang } = useT();
  const [starting, setStarting] = useState(false);
  // The recorder takes a few seconds to join; the button says so until the light comes on (or the room refuses).
  useEffect(() => {
    if (recording) setStarting(false);
  }, [recording]);
  useEffect(() => {
    if (!starting) return;
    const timer = setTimeout(() => setStarting(false), 60_000);
    return () => clearTimeout(timer);
  }, [starting]);
  if (recording) {
    return <Button size="sm" variant="secondary" onClick={() => act(CLIENT_MESSAGES.setRecording, { on: false })} data-testid="rec-stop">{t('rec.stop')}</Button>;
  }
  return (
    <Button size="sm" variant="secondary" loading={starting} onClick={() => {
      setStarting(true);
      act(CLIENT_MESSAGES.setRecording, { on: true, language: lang });
    }} data-testid="rec-start">{starting ? t('rec.starting') : t('rec.start')}</Button>
  );
}
