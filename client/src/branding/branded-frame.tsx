import type { CSSProperties, ReactNode } from 'react';
import type { BrandingOut } from '../../../shared/registration-schemas.ts';
import '../styles/scheduling.css';
import { GuestPageContext } from './branding-context.ts';
import { useBranding } from './use-branding.ts';

/** Only our own colour format reaches a style: anything else could smuggle CSS. */
const color = (value: string | null | undefined) => (value && /^#[0-9a-f]{6}$/i.test(value) ? value : undefined);

export function brandingStyle(branding: BrandingOut | undefined): CSSProperties {
  const accent = color(branding?.primaryColor);
  const background = color(branding?.backgroundColor);
  return {
    ...(accent && { '--accent': accent, '--accent-hover': accent, '--accent-text': accent, '--accent-soft': `color-mix(in srgb, ${accent} 10%, white)` }),
    ...(background && { '--bg': background }),
    ...(branding?.backgroundImageUrl?.startsWith('/api/') && { backgroundImage: `url("${branding.backgroundImageUrl}")` }),
  } as CSSProperties;
}

/**
 * Dresses an event's public pages (registration, join, waiting room, thank-you) in the
 * organizer's colours, logo and background image (EV-7, EV-8): the product's design
 * tokens are CSS variables, so overriding them here restyles everything inside; the
 * pages inside put the logo in their header.
 */
export function BrandedFrame({ eventId, children }: { eventId: number; children: ReactNode }) {
  const branding = useBranding(eventId);
  return (
    <GuestPageContext.Provider value={{ eventId, branding }}>
      {/* The logo is in each page's own header (see GuestPageContext), not a banner above it. */}
      <div className="branded" style={brandingStyle(branding)} data-testid="branded-frame">
        {children}
      </div>
    </GuestPageContext.Provider>
  );
}
