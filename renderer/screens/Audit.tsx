import { useEffect, useRef, useState } from 'react';
import type { AuditReportView, AuditView } from '../../src/ipc/models';
import { formatDateTime } from '../components/format';
import { QrAnimator } from '../components/QrAnimator';
import { ReconciliationReport } from '../components/ReconciliationReport';
import { ScreenHeading } from '../components/ScreenHeading';
import { useLanguage, useStrings } from '../i18n';

function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export interface PrintRequest {
  html: string;
  title: string;
  lang: 'en' | 'ja';
}

export function Audit({
  load,
  loadReport,
  onPrint,
}: {
  load: () => Promise<AuditView | null>;
  loadReport: (since?: string) => Promise<AuditReportView | null>;
  onPrint: (request: PrintRequest) => Promise<{ outcome: 'printed' | 'cancelled' } | null>;
}) {
  const en = useStrings();
  const { language } = useLanguage();
  const [view, setView] = useState<AuditView | null>(null);
  const [since, setSince] = useState('');
  const [report, setReport] = useState<AuditReportView | null>(null);
  const [showQr, setShowQr] = useState(false);
  const [printed, setPrinted] = useState<'printed' | 'cancelled' | null>(null);
  const reportRef = useRef<HTMLElement>(null);
  // The parent's callbacks are new on every render; the report depends on the day chosen only.
  const reportLoader = useRef(loadReport);
  reportLoader.current = loadReport;

  useEffect(() => {
    void load().then(setView);
  }, [load]);
  const verified = view?.verified === true;
  useEffect(() => {
    // Sums over a log that does not verify would reconcile nothing: main refuses them, so they are not asked for.
    if (!verified) return;
    let current = true;
    void reportLoader.current(since || undefined).then((next) => {
      if (current) setReport(next);
    });
    return () => {
      current = false;
    };
  }, [verified, since]);

  if (!view) return <section data-screen="audit" aria-busy="true" />;
  const print = async () => {
    const html = reportRef.current?.outerHTML;
    if (!html) return;
    const result = await onPrint({ html, title: en.report.title, lang: language });
    setPrinted(result?.outcome ?? null);
    // Printed, the print is in the log; refused (a report older than the log, say): either way the
    // screen shows the log and its head as they are now.
    setView(await load());
    setReport(await loadReport(since || undefined));
  };
  return (
    <section aria-labelledby="audit-title" data-screen="audit">
      <ScreenHeading id="audit-title">{en.audit.title}</ScreenHeading>
      {view.broken ? (
        <p
          className="notice notice-danger"
          role="alert"
          data-audit-verified="false"
          data-audit-problem={view.broken.problem.code}
        >
          {en.audit.broken(view.broken)}
        </p>
      ) : (
        <p className="notice notice-ok" data-audit-verified="true">
          {en.audit.intact}
        </p>
      )}
      {report && (
        <>
          <div className="controls">
            <label>
              {en.report.since}
              <input type="date" name="since" value={since} onChange={(e) => setSince(e.target.value)} />
            </label>
            <button type="button" onClick={() => void print()}>
              {en.report.print}
            </button>
            <button
              type="button"
              onClick={() =>
                download(
                  report.text,
                  `airlock-reconciliation-${report.report.head.seq}.json`,
                  'application/json',
                )
              }
            >
              {en.report.exportFile}
            </button>
            <button type="button" aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
              {showQr ? en.report.hideQr : en.report.showQr}
            </button>
          </div>
          {printed && (
            <output data-report-printed={printed}>
              {printed === 'printed' ? en.report.printed : en.report.printCancelled}
            </output>
          )}
          {showQr && (
            <div data-report-qr>
              <p className="hint">{en.report.qrHint}</p>
              <QrAnimator frames={report.frames} framesPerSecond={3} />
            </div>
          )}
          <ReconciliationReport report={report.report} ref={reportRef} />
        </>
      )}
      <h2>{en.report.entries}</h2>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            download(
              `${view.entries.map((e) => JSON.stringify(e)).join('\n')}\n`,
              'airlock-audit.jsonl',
              'application/jsonl',
            )
          }
        >
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
