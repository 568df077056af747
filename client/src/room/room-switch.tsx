import { useEffect, useState } from 'react';

/** How long a switch waits for the room's answer before showing the room's value again. */
const SETTLE_MS = 4000;

/**
 * An on/off switch for a room setting (chat, Q&A). It moves at once when pressed; the
 * room's answer then settles it, and if the room refused (no change arrives), it goes
 * back to the room's value after a moment.
 */
export function RoomSwitch({ checked, label, onChange, testId }: { checked: boolean; label: string; onChange: (checked: boolean) => void; testId?: string }) {
  const [pending, setPending] = useState<boolean>();
  useEffect(() => setPending(undefined), [checked]);
  useEffect(() => {
    if (pending === undefined) return;
    const timer = setTimeout(() => setPending(undefined), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  return (
    <label className="switch">
      <input type="checkbox" role="switch" checked={pending ?? checked} data-testid={testId}
        onChange={(e) => {
          setPending(e.target.checked);
          onChange(e.target.checked);
        }} />
      <span className="switch-track" aria-hidden="true" />
      {label}
    </label>
  );
}
