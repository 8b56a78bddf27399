import type { Ref } from 'react';
import type { DailyOutflow, ReconciliationReport as Report } from '../../src/audit/report-model';
import { type Strings, useStrings } from '../i18n';
import { Address } from './Address';
import { Amount } from './Amount';

/** Rows grouped as the core sorted them: by owner class, then wallet (by identity), then day. */
function grouped(rows: readonly DailyOutflow[]): Array<{ owner: string | null; wallets: DailyOutflow[][] }> {
  const owners: Array<{ owner: string | null; wallets: DailyOutflow[][] }> = [];
  for (const row of rows) {
    let group = owners.at(-1);
    if (!group || group.owner !== row.owner) {
      group = { owner: row.owner, wallets: [] };
      owners.push(group);
    }
    const wallet = group.wallets.at(-1);
    const same = wallet?.[0] && (wallet[0].walletId ?? wallet[0].wallet) === (row.walletId ?? row.wallet);
    if (wallet && same) wallet.push(row);
    else group.wallets.push([row]);
  }
  return owners;
}

/** An owner class in the operator's words; a class this build does not know is shown as recorded. */
function ownerName(en: Strings, owner: string | null): string {
  if (owner === null) return en.wallets.owners.unassigned;
  return owner === 'customer' || owner === 'company' ? en.wallets.owners[owner] : owner;
}

function DayDetails({ row }: { row: DailyOutflow }) {
  const en = useStrings();
  return (
    <>
      {row.destinations.length > 0 && (
        <>
          <h5>{en.report.destinations}</h5>
          <ul data-report="destinations">
            {row.destinations.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the day's destinations in the log's order
              <li key={i}>
                <Address address={d.address} /> <Amount sats={d.amount} />
              </li>
            ))}
          </ul>
        </>
      )}
      {row.transfers.length > 0 && (
        <>
          <h5>{en.report.transfers}</h5>
          <ul data-report="transfers">
            {row.transfers.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: in the log's order
              <li key={i} data-transfer-to={t.to}>
                {en.report.transferTo(t.to, ownerName(en, t.owner))} <Amount sats={t.amount} />
              </li>
            ))}
          </ul>
        </>
      )}
      {row.proofs.length > 0 && (
        <>
          <h5>{en.report.proofs}</h5>
          <ul data-report="proofs">
            {row.proofs.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: in the log's order
              <li key={i} data-proof-total={p.total}>
                {en.purpose.proofMessage(p.message)} — {en.purpose.proves} <Amount sats={p.total} />
              </li>
            ))}
          </ul>
        </>
      )}
      {row.messages.length > 0 && (
        <>
          <h5>{en.report.messages}</h5>
          <ul data-report="messages">
            {row.messages.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: in the log's order
              <li key={i}>
                {m.message === null ? en.report.messageHashOnly : en.purpose.message(m.message)}{' '}
                {en.report.forAddress} <Address address={m.address} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/**
 * The daily reconciliation report as the core computed it (the same document as `airlock audit
 * report --json`): per owner class and wallet, one row per UTC day, then the audit head. Its markup
 * is also what is printed, so it holds nothing interactive.
 */
export function ReconciliationReport({ report, ref }: { report: Report; ref?: Ref<HTMLElement> }) {
  const en = useStrings();
  const head = `${report.head.seq}:${report.head.hash}`;
  return (
    <section ref={ref} aria-labelledby="report-title" className="report" data-report-head={head}>
      <h2 id="report-title">{en.report.title}</h2>
      <p>{en.report.scope}</p>
      {report.rows.length === 0 && <p data-report-empty>{en.report.none}</p>}
      {grouped(report.rows).map(({ owner, wallets }) => (
        <section key={owner ?? ''} data-report-owner={owner ?? 'unassigned'}>
          <h3>{ownerName(en, owner)}</h3>
          {wallets.map((days) => (
            <section key={days[0]?.walletId ?? days[0]?.wallet} data-report-wallet={days[0]?.wallet}>
              <h4>{en.report.wallet(days[0]?.wallet ?? '')}</h4>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{en.report.day}</th>
                    <th scope="col">{en.report.signed}</th>
                    <th scope="col">{en.report.sent}</th>
                    <th scope="col">{en.report.fees}</th>
                    <th scope="col">{en.report.details}</th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((row) => (
                    <tr key={row.day} data-report-day={row.day}>
                      <th scope="row">{row.day}</th>
                      <td data-report-count={row.count}>{row.count}</td>
                      <td data-report-sent={row.sent}>
                        <Amount sats={row.sent} />
                      </td>
                      <td data-report-fees={row.fees}>
                        <Amount sats={row.fees} />
                      </td>
                      <td>
                        <DayDetails row={row} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </section>
      ))}
      <p>
        {en.report.head} <code className="head">{head}</code>
      </p>
      <p className="hint">{en.report.headHint}</p>
    </section>
  );
}
