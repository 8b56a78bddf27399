import { useEffect, useRef, useState } from 'react';
import {
  type QrDensity,
  QrDensitySchema,
  type QrFormat,
  type ReturnContents,
  ReturnContentsSchema,
  type SignedResult,
} from '../../src/ipc/models';
import { QrAnimator } from '../components/QrAnimator';
import { ScreenHeading } from '../components/ScreenHeading';
import { proposesSignaturesOnly } from '../flow/return-choice';
import { useStrings } from '../i18n';

const SPEEDS = [2, 3, 5, 8, 10] as const;

export function ShowQr({
  signed,
  onReencode,
  onSave,
  onDone,
}: {
  signed: SignedResult;
  onReencode: (
    format: QrFormat,
    density: QrDensity,
    contents: ReturnContents,
  ) => Promise<{ frames: string[] } | null>;
  onSave: (
    format: QrFormat,
    density: QrDensity,
    contents: ReturnContents,
  ) => Promise<{ directory: string } | null>;
  onDone: () => void;
}) {
  const en = useStrings();
  // Both returns at the chosen format and density, so the operator sees what each costs in frames.
  const [framesOf, setFramesOf] = useState<Record<ReturnContents, string[] | null>>({
    full: signed.frames,
    signatures: null,
  });
  const [contents, setContents] = useState<ReturnContents>('full');
  const [format, setFormat] = useState<QrFormat>(signed.format);
  const [density, setDensity] = useState<QrDensity>('medium');
  const [speed, setSpeed] = useState<number>(5);
  const [saved, setSaved] = useState<string | null>(null);

  // The parent's callbacks are new on every render; the frames depend on the format and density only.
  const reencode = useRef(onReencode);
  reencode.current = onReencode;
  useEffect(() => {
    let current = true;
    void Promise.all(ReturnContentsSchema.options.map((c) => reencode.current(format, density, c))).then(
      ([full, signatures]) => {
        if (current && full && signatures) setFramesOf({ full: full.frames, signatures: signatures.frames });
      },
    );
    return () => {
      current = false;
    };
  }, [format, density]);

  const frames = framesOf[contents] ?? framesOf.full ?? signed.frames;
  const counts =
    framesOf.full && framesOf.signatures
      ? { full: framesOf.full.length, signatures: framesOf.signatures.length }
      : null;
  const proposed = counts !== null && contents === 'full' && proposesSignaturesOnly(counts);
  return (
    <section aria-labelledby="showqr-title" data-screen="showQr">
      <ScreenHeading id="showqr-title">{en.showQr.title}</ScreenHeading>
      <p className="lead">{en.showQr.hint}</p>
      <QrAnimator frames={frames} framesPerSecond={speed} />
      <fieldset className="return-contents">
        <legend>{en.showQr.contents}</legend>
        {ReturnContentsSchema.options.map((c) => (
          <label key={c}>
            <input
              type="radio"
              name="contents"
              value={c}
              checked={contents === c}
              onChange={() => setContents(c)}
            />
            {en.showQr.contentsChoice[c](counts?.[c] ?? null)}
          </label>
        ))}
        <p className="hint">{en.showQr.signaturesAcceptedBy}</p>
      </fieldset>
      {proposed && (
        <p className="notice" role="status">
          {en.showQr.proposeSignatures(counts.full, counts.signatures)}{' '}
          <button type="button" onClick={() => setContents('signatures')}>
            {en.showQr.useSignatures}
          </button>
        </p>
      )}
      <div className="controls">
        <label>
          {en.showQr.speed}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} name="speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {en.showQr.density}
          <select value={density} onChange={(e) => setDensity(e.target.value as QrDensity)} name="density">
            {QrDensitySchema.options.map((d) => (
              <option key={d} value={d}>
                {en.showQr.densities[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {en.showQr.format}
          <select value={format} onChange={(e) => setFormat(e.target.value as QrFormat)} name="format">
            <option value="ur">UR (crypto-psbt)</option>
            <option value="bbqr">BBQr</option>
            <option value="base64">base64</option>
          </select>
        </label>
        <button
          type="button"
          onClick={async () => setSaved((await onSave(format, density, contents))?.directory ?? null)}
        >
          {en.showQr.save}
        </button>
      </div>
      {saved && <output>{en.showQr.saved(saved)}</output>}
      <div className="actions">
        <button type="button" className="primary" onClick={onDone}>
          {en.showQr.done}
        </button>
      </div>
    </section>
  );
}
