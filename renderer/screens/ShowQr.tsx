import { useState } from 'react';
import { type QrDensity, QrDensitySchema, type QrFormat, type SignedResult } from '../../src/ipc/models';
import { QrAnimator } from '../components/QrAnimator';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';

const SPEEDS = [2, 3, 5, 8, 10] as const;

export function ShowQr({
  signed,
  onReencode,
  onSave,
  onDone,
}: {
  signed: SignedResult;
  onReencode: (format: QrFormat, density: QrDensity) => Promise<{ frames: string[] } | null>;
  onSave: (format: QrFormat, density: QrDensity) => Promise<{ directory: string } | null>;
  onDone: () => void;
}) {
  const en = useStrings();
  const [frames, setFrames] = useState(signed.frames);
  const [format, setFormat] = useState<QrFormat>(signed.format);
  const [density, setDensity] = useState<QrDensity>('medium');
  const [speed, setSpeed] = useState<number>(5);
  const [saved, setSaved] = useState<string | null>(null);

  const reencode = async (nextFormat: QrFormat, nextDensity: QrDensity) => {
    setFormat(nextFormat);
    setDensity(nextDensity);
    const result = await onReencode(nextFormat, nextDensity);
    if (result) setFrames(result.frames);
  };
  return (
    <section aria-labelledby="showqr-title" data-screen="showQr">
      <ScreenHeading id="showqr-title">{en.showQr.title}</ScreenHeading>
      <p className="lead">{en.showQr.hint}</p>
      <QrAnimator frames={frames} framesPerSecond={speed} />
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
          <select
            value={density}
            onChange={(e) => void reencode(format, e.target.value as QrDensity)}
            name="density"
          >
            {QrDensitySchema.options.map((d) => (
              <option key={d} value={d}>
                {en.showQr.densities[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {en.showQr.format}
          <select
            value={format}
            onChange={(e) => void reencode(e.target.value as QrFormat, density)}
            name="format"
          >
            <option value="ur">UR (crypto-psbt)</option>
            <option value="bbqr">BBQr</option>
            <option value="base64">base64</option>
          </select>
        </label>
        <button
          type="button"
          onClick={async () => setSaved((await onSave(format, density))?.directory ?? null)}
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
