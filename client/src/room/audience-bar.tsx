import { Hand, Mic } from 'lucide-react';
import { useState } from 'react';
import { REACTIONS } from '../../../shared/room-messages.ts';
import { mediaPolicy, type RoomMode } from '../../../shared/room-policy.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { ReactionIcon } from './reaction-icon.tsx';

const REACTION_NAMES: Record<(typeof REACTIONS)[number], TextKey> = {
  '👍': 'reaction.thumbsUp', '👏': 'reaction.clap', '❤️': 'reaction.heart', '😂': 'reaction.laugh', '😮': 'reaction.wow', '🎉': 'reaction.party',
};

/**
 * Under the main window for attendees: raise or lower a hand, send a reaction (the
 * presenters see it float by), and whether they may speak right now (ROOM-3, ROOM-4).
 */
export function AudienceBar({ mode, handRaised, mediaGranted, live, onHand, onReact }: {
  mode: RoomMode;
  handRaised: boolean;
  mediaGranted: boolean;
  live: boolean;
  onHand: (raised: boolean) => void;
  onReact: (reaction: (typeof REACTIONS)[number]) => void;
}) {
  const { t } = useT();
  const [sent, setSent] = useState<{ key: number; reaction: string }>();
  const canSpeak = mediaPolicy(mode, 'attendee', mediaGranted).speak;
  return (
    <div className="stage-bar" data-testid="audience-bar">
      <button type="button" className={`btn btn-sm ${handRaised ? 'btn-primary' : 'btn-secondary'} hand-button`} aria-pressed={handRaised}
        disabled={!live} onClick={() => onHand(!handRaised)} data-testid="hand-button">
        <Hand size={16} aria-hidden="true" /> {t(handRaised ? 'hand.lower' : 'hand.raise')}
      </button>
      <div className="reactions" role="group" aria-label={t('reaction.group')}>
        {REACTIONS.map((reaction) => (
          <button key={reaction} type="button" className="reaction-button" disabled={!live} aria-label={t(REACTION_NAMES[reaction])} title={t(REACTION_NAMES[reaction])}
            onClick={() => {
              onReact(reaction);
              setSent({ key: Date.now(), reaction });
            }}>
            <ReactionIcon reaction={reaction} />
          </button>
        ))}
        {sent && <span key={sent.key} className="reaction-sent" aria-hidden="true"><ReactionIcon reaction={sent.reaction} size={26} /></span>}
      </div>
      {canSpeak && <span className="badge badge-success speak-badge"><Mic size={14} aria-hidden="true" /> {t('stage.youMaySpeak')}</span>}
    </div>
  );
}
