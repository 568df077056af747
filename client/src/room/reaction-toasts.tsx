import { ReactionIcon } from './reaction-icon.tsx';
import type { ReactionToast } from './use-staff-feed.ts';

/** Reactions floating up over the main window for a few seconds (presenters only); out of the layout flow. */
export function ReactionToasts({ reactions }: { reactions: ReactionToast[] }) {
  return (
    <ul className="reaction-toasts" aria-live="polite" data-testid="reaction-toasts">
      {reactions.map((r) => (
        <li key={r.key} className="reaction-toast">
          <span className="reaction-toast-emoji" aria-hidden="true"><ReactionIcon reaction={r.reaction} /></span>
          <span className="reaction-toast-name">{r.name}</span>
          <span className="visually-hidden">{r.reaction}</span>
        </li>
      ))}
    </ul>
  );
}
