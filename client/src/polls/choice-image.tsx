/** Only http(s) images are shown: anything else (data:, javascript:) is not ours to load. */
export const isHttpUrl = (url: string | null | undefined): url is string => typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);

/**
 * The picture of a poll choice. The choice's text is its alt text, so the choice still
 * reads right to a screen reader or when the image fails to load.
 */
export function ChoiceImage({ url, alt, small = false }: { url: string | null | undefined; alt: string; small?: boolean }) {
  if (!isHttpUrl(url)) return null;
  return <img className={small ? 'choice-image choice-image-sm' : 'choice-image'} src={url} alt={alt} referrerPolicy="no-referrer" />;
}
