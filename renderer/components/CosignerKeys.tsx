import { useEffect, useState } from 'react';
import type { CosignerExport, CosignerKeysView } from '../../src/ipc/models';
import type { CosignerKeyFormat } from '../../src/qr/key-formats';
import { useStrings } from '../i18n';
import { formatDate } from './format';
import { QrCode } from './QrCode';

type ScriptType = 'p2wsh' | 'p2sh-p2wsh';
type QrFormat = Exclude<CosignerKeyFormat, 'text'>;
const QR_FORMATS: QrFormat[] = ['ur', 'ur-account-descriptor'];

/** The keys created on this machine, each shown as one QR (ur:crypto-account or ur:account-descriptor) for the coordinator. */
export function CosignerKeys({
  load,
  onExport,
  onDiscard,
}: {
  load: () => Promise<CosignerKeysView[] | null>;
  onDiscard: (fingerprint: string) => Promise<CosignerKeysView[] | null>;
  onExport: (
    fingerprint: string,
    scriptType: ScriptType,
    format: CosignerKeyFormat,
  ) => Promise<CosignerExport | null>;
}) {
  const en = useStrings();
  const [records, setRecords] = useState<CosignerKeysView[]>([]);
  const [shown, setShown] = useState<{ ur: CosignerExport; text: CosignerExport } | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState<string | null>(null);
  const [qrFormat, setQrFormat] = useState<QrFormat>('ur');
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once when the screen opens
  useEffect(() => {
    void load().then((list) => setRecords(list ?? []));
  }, []);

  const show = async (fingerprint: string, scriptType: ScriptType, format = qrFormat) => {
    const ur = await onExport(fingerprint, scriptType, format);
    const text = ur && (await onExport(fingerprint, scriptType, 'text'));
    if (ur && text) setShown({ ur, text });
  };
  return (
    <>
      <h2>{en.wallets.thisCosigner}</h2>
      <p>{records.length === 0 ? en.wallets.noCosigner : en.wallets.thisCosignerHint}</p>
      {records.length > 0 && (
        <label>
          {en.wallets.keyQrFormat}{' '}
          <select
            value={qrFormat}
            data-key-qr-format
            onChange={(event) => {
              const format = event.target.value as QrFormat;
              setQrFormat(format);
              if (shown) void show(shown.ur.fingerprint, shown.ur.scriptType, format);
            }}
          >
            {QR_FORMATS.map((format) => (
              <option key={format} value={format}>
                {en.wallets.keyQrFormats[format]}
              </option>
            ))}
          </select>
        </label>
      )}
      <ul className="wallets">
        {records.map((record) => (
          <li key={record.fingerprint} data-cosigner={record.fingerprint} data-finished={record.finished}>
            <strong>
              {en.wallets.cosigner(
                record.fingerprint,
                record.network,
                formatDate(record.createdAt, en.locale),
              )}
            </strong>
            {record.finished ? (
              <div className="actions">
                {record.keys.map((key) => (
                  <button
                    key={key.scriptType}
                    type="button"
                    onClick={() => void show(record.fingerprint, key.scriptType)}
                  >
                    {en.wallets.showKeyQr(en.createShares.scriptTypes[key.scriptType] ?? key.scriptType)}
                  </button>
                ))}
              </div>
            ) : (
              <>
                <p className="warn">{en.wallets.unfinished}</p>
                {confirmDiscard === record.fingerprint ? (
                  <div
                    className="notice notice-danger"
                    role="alertdialog"
                    aria-label={en.wallets.discardUnfinished}
                  >
                    <p>{en.wallets.discardConfirm}</p>
                    <div className="actions">
                      <button
                        type="button"
                        className="danger"
                        onClick={async () => {
                          const next = await onDiscard(record.fingerprint);
                          if (next) setRecords(next);
                          setConfirmDiscard(null);
                        }}
                      >
                        {en.wallets.discardYes}
                      </button>
                      <button type="button" onClick={() => setConfirmDiscard(null)}>
                        {en.wallets.discardNo}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setConfirmDiscard(record.fingerprint)}
                  >
                    {en.wallets.discardUnfinished}
                  </button>
                )}
              </>
            )}
            {shown?.ur.fingerprint === record.fingerprint && (
              <figure data-cosigner-qr={shown.ur.scriptType}>
                <QrCode
                  text={shown.ur.text}
                  label={en.wallets.keyQr(
                    en.createShares.scriptTypes[shown.ur.scriptType] ?? shown.ur.scriptType,
                    record.fingerprint,
                    shown.ur.format === 'ur-account-descriptor'
                      ? 'ur:account-descriptor'
                      : 'ur:crypto-account',
                  )}
                  size={400}
                />
                <figcaption>
                  {en.wallets.keyText}
                  <p className="address" data-cosigner-text>
                    {shown.text.text}
                  </p>
                </figcaption>
              </figure>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
