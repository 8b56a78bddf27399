import { useEffect, useState } from 'react';
import type { AuditView } from '../../src/ipc/models';
import { formatDateTime } from '../components/format';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';

function exportFile(view: AuditView): void {
  const blob = new Blob([`${view.entries.map((e) => JSON.stringify(e)).join('\n')}\n`], {
    type: 'application/jsonl',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'airlock-audit.jsonl';
  link.click();
  URL.revokeObjectURL(url);
}

export function Audit({ load }: { load: () => Promise<AuditView | null> }) {
  const en = useStrings();
  const [view, setView] = useState<AuditView | null>(null);
  useEffect(() => {
    void load().then(setView);
  }, [load]);
  if (!view) return <section data-screen="audit" aria-busy="true" />;
  return (
    <section aria-labelledby="audit-title" data-screen="audit">
      <ScreenHeading id="audit-title">{en.audit.title}</ScreenHeading>
      {view.verified ? (
        <p className="notice notice-ok" data-audit-verified="true">
          {en.audit.intact}
        </p>
      ) : (
        <p className="notice notice-danger" role="alert" data-audit-verified="false">
          {en.audit.broken(view.problem ?? '')}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => exportFile(view)}>
          {en.audit.export}
        </button>
      </div>
      <table className="audit">
        <thead>
          <tr>
            <th>{en.audit.seq}</th>
            <th>{en.audit.time}</th>
            <th>{en.audit.event}</th>
            <th>{en.audit.wallet}</th>
            <th>{en.audit.outcome}</th>
          </tr>
        </thead>
        <tbody>
          {view.entries.map((e) => (
            <tr key={e.seq} data-event={e.event}>
              <td>{e.seq}</td>
              <td>{formatDateTime(e.time, en.locale)}</td>
              <td>{e.event}</td>
              <td>{e.wallet ?? ''}</td>
              <td>{[e.outcome, e.reason, e.approvers.join(', ')].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
