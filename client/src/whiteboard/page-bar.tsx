import { useT } from '../i18n/i18n.tsx';

/** The board's pages as tabs, and "+" for writers to add one. */
export function PageBar({ pages, current, onPage, onAdd }: {
  pages: readonly string[];
  current: string;
  onPage(id: string): void;
  onAdd?: () => void;
}) {
  const { t } = useT();
  return (
    <div className="wb-pages" role="tablist" aria-label={t('whiteboard.pages')}>
      {pages.map((id, i) => (
        <button key={id} type="button" role="tab" aria-selected={id === current} className="wb-page" title={t('whiteboard.page', { number: i + 1 })} onClick={() => onPage(id)}>
          {i + 1}
        </button>
      ))}
      {onAdd && (
        <button type="button" className="wb-page wb-page-add" title={t('whiteboard.addPage')} aria-label={t('whiteboard.addPage')} onClick={onAdd}>+</button>
      )}
    </div>
  );
}
