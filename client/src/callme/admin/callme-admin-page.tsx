import { useEffect, useState } from 'react';
import type { PackageOut } from '../../../../shared/callme-schemas.ts';
import { request } from '../../api/http.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { SchedulingNav } from '../../dashboard/scheduling-nav.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ConsultantsSection } from './consultants-section.tsx';
import { PackageForm } from './package-form.tsx';
import { uploadPicture } from './upload-picture.ts';
import '../callme.css';

/** The organizer's click-to-call pages (SPEC §9): packages with their snippet and call page, and the consultants. */
export function CallmeAdminPage() {
  const { t } = useT();
  const [packages, setPackages] = useState<PackageOut[] | undefined>();
  const [editing, setEditing] = useState<string | 'new' | undefined>();
  const [error, setError] = useState<string | undefined>();
  const load = () => request<{ packages: PackageOut[] }>('GET', '/callme/packages').then((r) => setPackages(r.packages)).catch((e: unknown) => setError((e as Error).message));
  useEffect(() => { void load(); }, []);
  const replace = (p: PackageOut) => setPackages((l) => (l?.some((x) => x.id === p.id) ? l.map((x) => (x.id === p.id ? p : x)) : [...(l ?? []), p]));
  return (
    <div className="callme-admin">
      <SchedulingNav />
      <h1>{t('callmeAdmin.title')}</h1>
      <p className="callme-muted">{t('callmeAdmin.intro')}</p>
      {error && <Alert>{error}</Alert>}
      <section className="callme-card" aria-labelledby="callme-admin-packages">
        <h2 id="callme-admin-packages" className="callme-h2">{t('callmeAdmin.packages')}</h2>
        {!packages ? <p role="status">{t('common.loading')}</p> : packages.length === 0 && editing !== 'new' ? <p className="callme-muted">{t('callmeAdmin.noPackages')}</p> : null}
        {packages?.map((p) => editing === p.id ? (
          <PackageForm key={p.id} existing={p} onSaved={replace} onCancel={() => setEditing(undefined)} />
        ) : (
          <article key={p.id} className="callme-admin-package" data-testid="admin-package">
            <h3>{p.name} · {p.companyName}</h3>
            {p.logoUrl && <img className="callme-logo-small" src={p.logoUrl} alt="" />}
            <p><strong>{t('callmeAdmin.snippet')}:</strong> <code>{p.snippet}</code> <CopyButton text={p.snippet} label={t("common.copy")} /></p>
            <p><strong>{t('callmeAdmin.callPage')}:</strong> <a href={p.callPageUrl}>{p.callPageUrl}</a></p>
            <div className="callme-actions">
              <Button size="sm" onClick={() => setEditing(p.id)}>{t('callmeAdmin.edit')}</Button>
              <label className="btn btn-sm btn-secondary">{t('callmeAdmin.logo')}
                <input type="file" accept="image/png,image/jpeg,image/gif" className="visually-hidden" onChange={(e) => { const f = e.target.files?.[0]; if (f) uploadPicture<PackageOut>(`/callme/packages/${p.id}/logo`, f).then(replace).catch((err: unknown) => setError((err as Error).message)); }} />
              </label>
              <Button size="sm" variant="danger" onClick={() => void request('DELETE', `/callme/packages/${p.id}`).then(load)}>{t('callmeAdmin.delete')}</Button>
            </div>
          </article>
        ))}
        {editing === 'new' ? <PackageForm onSaved={(p) => { replace(p); setEditing(undefined); }} onCancel={() => setEditing(undefined)} /> : <Button variant="primary" onClick={() => setEditing('new')}>{t('callmeAdmin.newPackage')}</Button>}
      </section>
      <ConsultantsSection />
    </div>
  );
}
