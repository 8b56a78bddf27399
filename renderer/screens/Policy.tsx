import {
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { PolicyView, ScanProgress, TestDriveScanProgress } from '../../src/ipc/models';
import { PolicySchema } from '../../src/policy/schema';
import type { PolicyViolation } from '../../src/policy/violations';
import { AmountUnitContext, amountText } from '../components/Amount';
import { errorSentence } from '../components/ErrorNotice';
import { PolicyWords } from '../components/PolicyWords';
import { ScreenHeading } from '../components/ScreenHeading';
import { violationDetail } from '../components/warning-words';
import { draftOf, type PolicyDraft, policyFromDraft } from '../flow/policy-draft';
import { useLanguage, useStrings } from '../i18n';
import { fileAsPsbtText } from './Scan';

type NumberField = 'approvalsRequired' | 'maxPerTransaction' | 'maxPer24h' | 'maxFee' | 'maxFeeRate';
type TextField = 'approvers' | 'crossOwnerTo';

/**
 * The selected wallet's policy in plain words, a draft of a new one, and its test drive against a
 * PSBT (as Coldcard lets you) before it is staged for the quorum.
 */
export function Policy({
  wallet,
  load,
  onTestDrive,
  onStage,
  onStageNone,
  onStartScan,
  onScanFrame,
  camera,
}: {
  wallet: string | null;
  load: () => Promise<PolicyView | null>;
  onTestDrive: (text: string, psbt: string) => Promise<PolicyViolation[] | null>;
  onStage: (text: string) => Promise<unknown>;
  onStageNone: () => Promise<unknown>;
  onStartScan: () => Promise<ScanProgress | null>;
  onScanFrame: (text: string) => Promise<TestDriveScanProgress | null>;
  camera: (onPayload: (text: string) => void) => ReactNode;
}) {
  const en = useStrings();
  const words = en.policy;
  const [view, setView] = useState<PolicyView | null>(null);
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [psbt, setPsbt] = useState('');
  const [verdict, setVerdict] = useState<PolicyViolation[] | null>(null);
  const { language } = useLanguage();
  const unit = useContext(AmountUnitContext);
  const [stagedNow, setStagedNow] = useState(false);
  const [scan, setScan] = useState<ScanProgress | null>(null);
  const [scanned, setScanned] = useState(false);
  useEffect(() => {
    if (!wallet) return;
    void load().then((next) => {
      if (!next) return;
      setView(next);
      setDraft(draftOf(next.stagedPolicy ?? next.sealedPolicy));
    });
  }, [wallet, load]);
  const base = view ? (view.stagedPolicy ?? view.sealedPolicy) : null;
  const draftJson = useMemo(
    () => (view && draft ? JSON.stringify(policyFromDraft(view.wallet, draft, base)) : ''),
    [view, draft, base],
  );
  const draftPolicy = useMemo(() => {
    const parsed = draftJson ? PolicySchema.safeParse(JSON.parse(draftJson)) : null;
    return parsed?.success ? parsed.data : null;
  }, [draftJson]);

  if (!wallet)
    return (
      <section aria-labelledby="policy-title" data-screen="policy">
        <ScreenHeading id="policy-title">{words.title}</ScreenHeading>
        <p className="lead">{words.noWallet}</p>
      </section>
    );
  if (!view || !draft) return <section data-screen="policy" aria-busy="true" />;

  const edit = (changes: Partial<PolicyDraft>) => {
    setDraft({ ...draft, ...changes });
    setVerdict(null);
    setStagedNow(false);
  };
  const numberInput = (field: NumberField, label: string) => (
    <label>
      {label}
      <input
        name={field}
        inputMode="decimal"
        value={draft[field]}
        onChange={(e) => edit({ [field]: e.target.value })}
      />
    </label>
  );
  const textInput = (field: TextField, label: string) => (
    <label>
      {label}
      <input name={field} value={draft[field]} onChange={(e) => edit({ [field]: e.target.value })} />
    </label>
  );
  const testDrive = async (event: FormEvent) => {
    event.preventDefault();
    if (psbt.trim()) setVerdict(await onTestDrive(draftJson, psbt.trim()));
  };
  const openFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setPsbt(await fileAsPsbtText(file));
  };
  const toggleScan = async () => {
    setScanned(false);
    setScan(scan ? null : await onStartScan());
  };
  const onFrame = async (text: string) => {
    const progress = await onScanFrame(text);
    if (!progress) return;
    if (progress.psbtBase64) {
      setPsbt(progress.psbtBase64);
      setVerdict(null);
      setScanned(true);
      setScan(null);
    } else setScan(progress);
  };
  const stage = async (none: boolean) => {
    if (await (none ? onStageNone() : onStage(draftJson))) {
      setStagedNow(true);
      const next = await load();
      if (next) setView(next);
    }
  };
  return (
    <section aria-labelledby="policy-title" data-screen="policy">
      <ScreenHeading id="policy-title">{words.title}</ScreenHeading>
      <h2 id="policy-in-force">{words.inForce(view.wallet)}</h2>
      {view.inForce === 'first-seal' && <p className="notice notice-warning">{words.firstSeal}</p>}
      <div data-policy="in-force">
        <PolicyWords policy={view.sealedPolicy} />
      </div>
      {view.stagedPolicy !== undefined && (
        <div data-policy="staged">
          <h2>{words.staged}</h2>
          <PolicyWords policy={view.stagedPolicy} />
        </div>
      )}

      <h2 id="draft-title">{words.draftTitle}</h2>
      <p className="hint">{words.draftLead}</p>
      <form
        className="stack"
        autoComplete="off"
        aria-labelledby="draft-title"
        onSubmit={(e) => e.preventDefault()}
      >
        {numberInput('approvalsRequired', words.approvalsRequired)}
        {textInput('approvers', words.approvers)}
        {numberInput('maxPerTransaction', words.maxPerTransaction)}
        {numberInput('maxPer24h', words.maxPer24h)}
        {numberInput('maxFee', words.maxFee)}
        {numberInput('maxFeeRate', words.maxFeeRate)}
        <label>
          {words.destinations}
          <textarea
            name="destinations"
            rows={3}
            spellCheck={false}
            value={draft.destinations}
            onChange={(e) => edit({ destinations: e.target.value })}
          />
        </label>
        {textInput('crossOwnerTo', words.crossOwner)}
        <label className="choice">
          <input
            type="checkbox"
            name="allowUnprovenAmounts"
            checked={draft.allowUnprovenAmounts}
            onChange={(e) => edit({ allowUnprovenAmounts: e.target.checked })}
          />
          {words.allowUnproven}
        </label>
      </form>
      {draftPolicy && (
        <div data-policy="draft">
          <h3>{words.draftInWords}</h3>
          <PolicyWords policy={draftPolicy} />
        </div>
      )}

      <h2 id="test-title">{words.testTitle}</h2>
      <p className="hint">{words.testLead}</p>
      <form onSubmit={testDrive} className="stack" aria-labelledby="test-title">
        <label>
          {words.psbt}
          <textarea
            name="test-psbt"
            rows={3}
            spellCheck={false}
            value={psbt}
            onChange={(e) => {
              setPsbt(e.target.value);
              setVerdict(null);
            }}
          />
        </label>
        <label className="file">
          {words.openFile}
          <input type="file" accept=".psbt,.txt,application/octet-stream,text/plain" onChange={openFile} />
        </label>
        {scan && (
          <div data-test-drive-camera>
            {camera((text) => void onFrame(text))}
            <p data-scan-parts={scan.partsSeen}>{en.scan.progress(scan.partsSeen, scan.partsNeeded)}</p>
          </div>
        )}
        {scanned && (
          <p className="hint" role="status" data-test-drive-scanned>
            {words.scanned}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => void toggleScan()} aria-pressed={scan !== null}>
            {scan ? words.stopScan : words.scan}
          </button>
          <button type="submit" disabled={!psbt.trim()}>
            {words.test}
          </button>
        </div>
      </form>
      {verdict &&
        (verdict.length === 0 ? (
          <p className="notice notice-ok" role="status" data-verdict="sign">
            {words.wouldSign}
          </p>
        ) : (
          <div className="notice notice-warning" role="status" data-verdict="refuse">
            <p>{words.wouldRefuse}</p>
            <ul>
              {verdict.map((v) => {
                // Worded as the Review screen words the gate's refusals.
                const detail =
                  violationDetail(en, v, (sats) => amountText(en, unit, sats)) ??
                  (language === 'en' && errorSentence(en, v.code) !== null ? v.message : null);
                return (
                  <li key={`${v.code}:${v.message}`} data-violation={v.code}>
                    {errorSentence(en, v.code) ?? v.message}
                    {detail && <span className="detail"> ({detail})</span>}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}

      <div className="actions">
        <button type="button" className="primary" onClick={() => void stage(false)}>
          {words.stage}
        </button>
        <button type="button" onClick={() => void stage(true)}>
          {words.stageNone}
        </button>
      </div>
      {stagedNow && (
        <p className="notice notice-ok" role="status" data-policy-staged>
          {words.stagedNow}
        </p>
      )}
    </section>
  );
}
