import { useState, type FormEvent } from 'react';
import type { ImportOut } from '../../../../shared/contact-schemas.ts';
import { ApiError } from '../../api/http.ts';
import { schedulingApi } from '../../api/scheduling-endpoints.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmInline } from '../../components/confirm-inline.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { errorText } from '../../i18n/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useRequireSession } from '../../scheduling/require-session.ts';
import { useLoad } from '../../scheduling/use-load.ts';
import '../../styles/scheduling.css';
import { SchedulingNav } from '../scheduling-nav.tsx';

/** `/dashboard/address-book`: contacts and groups, CSV import and export (EV-11). */
export function AddressBookPage() {
  const { t } = useT();
  const signedIn = useRequireSession();
  const [groupId, setGroupId] = useState('');
  const contacts = useLoad(() => schedulingApi.contacts(groupId || undefined), [groupId]);
  const groups = useLoad(() => schedulingApi.groups(), []);
  const [draft, setDraft] = useState({ email: '', firstName: '', lastName: '', company: '' });
  const [newGroup, setNewGroup] = useState('');
  const [imported, setImported] = useState<ImportOut>();
  const [failure, setFailure] = useState<unknown>();
  if (!signedIn) return <p className="page-loading">{t('common.loading')}</p>;

  const act = async (action: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await action();
      await Promise.all([contacts.reload(), groups.reload()]);
    } catch (err) {
      setFailure(err);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await schedulingApi.addContact({ ...draft, ...(groupId && { groupIds: [groupId] }) });
      setDraft({ email: '', firstName: '', lastName: '', company: '' });
    });
  };
  const importFile = (file: File) => void act(async () => {
    setImported(undefined);
    setImported(await schedulingApi.importContacts(file, groupId || undefined));
  });
  const importErrors = failure instanceof ApiError && failure.code === 'import-malformed' ? failure.fields : [];

  return (
    <div className="stack">
      <SchedulingNav />
      <h1 className="page-title">{t('book.title')}</h1>
      <section className="card stack">
        <div className="form form-grid">
          <SelectField label={t('book.group')} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">{t('book.allContacts')}</option>
            {groups.data?.groups.map((g) => <option key={g.id} value={g.id}>{t('setup.group', { name: g.name, count: g.size })}</option>)}
          </SelectField>
          <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void act(async () => { await schedulingApi.addGroup(newGroup.trim()); setNewGroup(''); }); }}>
            <TextField label={t('book.newGroup')} value={newGroup} onChange={(e) => setNewGroup(e.target.value)} maxLength={100} />
            <Button type="submit" size="sm" disabled={!newGroup.trim()}>{t('book.addGroup')}</Button>
          </form>
        </div>
        {groupId && <ConfirmInline trigger={t('book.deleteGroup')} question={t('book.confirmDeleteGroup')} confirmLabel={t('book.deleteGroup')} onConfirm={async () => { await schedulingApi.removeGroup(groupId); setGroupId(''); await groups.reload(); }} />}
      </section>
      <section className="card stack">
        <h2 className="card-title">{t('book.import')}</h2>
        <p className="muted small">{t('book.importHint')}</p>
        <div className="button-row">
          <input type="file" accept=".csv,.txt,text/csv" aria-label={t('book.import')} data-testid="import-file" onChange={(e) => { const file = e.target.files?.[0]; if (file) importFile(file); e.target.value = ''; }} />
          <a className="btn btn-secondary btn-sm" href="/api/v1/contacts.csv" download>{t('book.export')}</a>
        </div>
        {imported && (
          <Alert tone={imported.skipped.length ? 'warning' : 'success'}>
            <span data-testid="import-result">{t('book.imported', { created: imported.created, updated: imported.updated, encoding: imported.encoding })}</span>
            {imported.skipped.length > 0 && <ul>{imported.skipped.map((s) => <li key={s.row}>{t('book.row', { row: s.row })}: {s.reason}</li>)}</ul>}
          </Alert>
        )}
        {importErrors.length > 0 && (
          <Alert>
            {t('book.importFailed')}
            <ul>{importErrors.map((e) => <li key={e.field}>{e.field}: {e.message}</li>)}</ul>
          </Alert>
        )}
        {failure !== undefined && importErrors.length === 0 && <Alert>{errorText(t, failure)}</Alert>}
      </section>
      <section className="card stack">
        <h2 className="card-title">{t('book.contacts')}</h2>
        <form className="inline-form" onSubmit={add} noValidate>
          <TextField label={t('registration.email')} type="email" value={draft.email} onChange={(e) => setDraft((d) => ({ ...d, email: e.target.value }))} />
          <TextField label={t('registration.firstName')} value={draft.firstName} onChange={(e) => setDraft((d) => ({ ...d, firstName: e.target.value }))} optional />
          <TextField label={t('registration.lastName')} value={draft.lastName} onChange={(e) => setDraft((d) => ({ ...d, lastName: e.target.value }))} optional />
          <TextField label={t('registration.company')} value={draft.company} onChange={(e) => setDraft((d) => ({ ...d, company: e.target.value }))} optional />
          <Button type="submit" variant="primary" size="sm">{t('book.addContact')}</Button>
        </form>
        {contacts.data?.contacts.length === 0 && <p className="muted small">{t('book.empty')}</p>}
        {contacts.data && contacts.data.contacts.length > 0 && (
          <div className="table-scroll">
            <table className="data-table" data-testid="contacts-table">
              <thead><tr><th>{t('registration.email')}</th><th>{t('setup.person')}</th><th>{t('registration.company')}</th><th>{t('book.group')}</th><th /></tr></thead>
              <tbody>
                {contacts.data.contacts.map((c) => (
                  <tr key={c.id}>
                    <td>{c.email}</td>
                    <td>{`${c.firstName} ${c.lastName}`.trim()}</td>
                    <td>{c.company}</td>
                    <td className="small">{c.groupIds.map((id) => groups.data?.groups.find((g) => g.id === id)?.name).filter(Boolean).join(', ')}</td>
                    <td><ConfirmInline trigger={t('setup.remove')} question={t('setup.confirmRemove', { email: c.email })} confirmLabel={t('setup.remove')} onConfirm={() => act(() => schedulingApi.removeContact(c.id)).then(() => undefined)} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
