import { useEffect, useState } from 'react';
import { useStrings } from '../i18n';
import { QrCode } from './QrCode';

/** Loops through the frames at the chosen speed; a single frame stays still. */
export function QrAnimator({ frames, framesPerSecond }: { frames: string[]; framesPerSecond: number }) {
  const en = useStrings();
  const [index, setIndex] = useState(0);
  useEffect(() => {
    setIndex(0);
    if (frames.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % frames.length), 1000 / framesPerSecond);
    return () => clearInterval(timer);
  }, [frames, framesPerSecond]);
  const frame = frames[index % frames.length] ?? '';
  return (
    <figure className="qr-animator" data-frame-index={index} data-frame-count={frames.length}>
      <QrCode text={frame} label={en.showQr.frame(index + 1, frames.length)} />
      <figcaption>{en.showQr.frame(index + 1, frames.length)}</figcaption>
    </figure>
  );
}
