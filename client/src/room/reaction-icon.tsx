import { HandHeart, Heart, Laugh, PartyPopper, ThumbsUp, Zap, type LucideIcon } from 'lucide-react';
import type { REACTIONS } from '../../../shared/room-messages.ts';

type Reaction = (typeof REACTIONS)[number];

/**
 * Each reaction as an SVG in its own colour: the wire keeps the emoji (the room's
 * schema), but a machine without an emoji font would draw empty boxes.
 */
const ICONS: Record<Reaction, { Icon: LucideIcon; color: string }> = {
  '👍': { Icon: ThumbsUp, color: '#2563eb' },
  '👏': { Icon: HandHeart, color: '#d97706' },
  '❤️': { Icon: Heart, color: '#e11d48' },
  '😂': { Icon: Laugh, color: '#ca8a04' },
  '😮': { Icon: Zap, color: '#7c3aed' },
  '🎉': { Icon: PartyPopper, color: '#059669' },
};

export function ReactionIcon({ reaction, size = 20 }: { reaction: string; size?: number }) {
  const entry = ICONS[reaction as Reaction];
  if (!entry) return null;
  const { Icon, color } = entry;
  return <Icon size={size} color={color} fill={reaction === '❤️' ? color : 'none'} aria-hidden="true" />;
}
