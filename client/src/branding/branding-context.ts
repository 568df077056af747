import { createContext, useContext } from 'react';
import type { BrandingOut } from '../../../shared/registration-schemas.ts';

/**
 * The event whose public pages are being shown (registration, join, waiting room, room,
 * thank-you) and its appearance. Inside one, the pages are the organizer's: their logo
 * where ours would be, and none of the platform's log-in or sign-up links.
 */
export interface GuestPage {
  eventId: number;
  branding: BrandingOut | undefined;
}

export const GuestPageContext = createContext<GuestPage | null>(null);

export function useGuestPage(): GuestPage | null {
  return useContext(GuestPageContext);
}

/** The organizer's logo, if it is one of ours to serve (never a foreign address). */
export function guestLogo(page: GuestPage | null): string | undefined {
  const url = page?.branding?.logoUrl;
  return url?.startsWith('/api/') ? url : undefined;
}
