import { BellOff, BellRing, Hand } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { RosterEntry } from '../../../shared/room-messages.ts';
import { useT } from '../i18n/i18n.tsx';

const TOAST_MS = 5000;
const SOUND_KEY = 'room.handSound';

/** A short two-note chime, made on the spot (no audio file to load). */
function chime(): void {
  try {
    const audio = new AudioContext();
    for (const [i, frequency] of [660, 880].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.12, audio.currentTime + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.15 + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + i * 0.15);
      tone.stop(audio.currentTime + i * 0.15 + 0.3);
    }
    setTimeout(() => void audio.close(), 1000);
  } catch {
    // No sound on this browser: the toast and the count still tell.
  }
}

/**
 * Raised hands, for the host and presenters (ROOM-4): the count in the header, a short
 * toast naming whoever just raised one, and, if they turn it on, a chime. The first
 * roster seen is the starting point: hands raised before this page opened give no toast.
 */
export function HandAlert({ roster, handsRaised }: { roster: RosterEntry[] | undefined; handsRaised: number }) {
  const { t, tp } = useT();
  const [toasts, setToasts] = useState<{ key: string; name: string }[]>([]);
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const raised = useRef<Set<string> | undefined>(undefined);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    if (!roster) return;
    const now = new Set(roster.filter((p) => p.handRaised && p.online).map((p) => p.id));
    const before = raised.current;
    raised.current = now;
    if (!before) return;
    const fresh = roster.filter((p) => now.has(p.id) && !before.has(p.id));
    if (fresh.length === 0) return;
    if (sound) chime();
    const added = fresh.map((p) => ({ key: `${p.id}-${Date.now()}`, name: p.name }));
    setToasts((current) => [...current, ...added].slice(-3));
    // Not cleared by the next roster change: each toast goes after its own few seconds.
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setToasts((current) => current.filter((x) => !added.includes(x)));
    }, TOAST_MS);
    timers.current.add(timer);
  }, [roster, sound]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  const toggleSound = () => {
    localStorage.setItem(SOUND_KEY, sound ? 'off' : 'on');
    setSound(!sound);
  };

  return (
    <>
      {handsRaised > 0 && (
        <span className="badge badge-hands" data-testid="header-hands"><Hand size={13} aria-hidden="true" />{tp('handAlert.header', handsRaised)}</span>
      )}
      <button type="button" className="icon-button" aria-pressed={sound} onClick={toggleSound} title={t('handAlert.sound')} data-testid="hand-sound">
        {sound ? <BellRing size={17} aria-hidden="true" /> : <BellOff size={17} aria-hidden="true" />}
        <span className="visually-hidden">{t('handAlert.sound')}</span>
      </button>
      <div className="hand-toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <p key={toast.key} className="hand-toast" data-testid="hand-toast"><Hand size={16} aria-hidden="true" />{t('handAlert.toast', { name: toast.name })}</p>
        ))}
      </div>
    </>
  );
}
