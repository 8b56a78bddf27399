import { type ChangeEvent, type FormEvent, type ReactNode, useState } from 'react';
import type { ScanProgress } from '../../src/ipc/models';
import { ProgressBar } from '../components/ProgressBar';
import { ScreenHeading } from '../components/ScreenHeading';
import { useStrings } from '../i18n';

/** Binary PSBT files travel as base64; text files (base64 or hex) as they are. */
export async function fileAsPsbtText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isBinary = bytes[0] === 0x70 && bytes[1] === 0x73 && bytes[2] === 0x62 && bytes[3] === 0x74;
  if (!isBinary) return new TextDecoder().decode(bytes);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function Scan({
  progress,
  camera,
  onLoadText,
}: {
  progress: ScanProgress | null;
  /** The live camera view with its scanner; it reports frames itself. */
  camera: ReactNode;
  onLoadText: (text: string) => void;
}) {
  const en = useStrings();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onLoadText(text.trim());
  };
  const open = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) onLoadText(await fileAsPsbtText(file));
  };
  return (
    <section aria-labelledby="scan-title" data-screen="scan">
      <ScreenHeading id="scan-title">{en.scan.title}</ScreenHeading>
      <p className="lead">{en.scan.hint}</p>
      {camera}
      <ProgressBar
        value={progress?.partsSeen ?? 0}
        max={progress?.partsNeeded ?? null}
        label={en.scan.progress(progress?.partsSeen ?? 0, progress?.partsNeeded ?? null)}
      />
      {progress?.format && <p data-scan-format={progress.format}>{en.scan.format(progress.format)}</p>}
      {progress?.status === 'rejected' && progress.message && (
        <p className="notice notice-warning" role="alert">
          {progress.message}
        </p>
      )}
      <details>
        <summary>{en.scan.orPaste}</summary>
        <form onSubmit={submit} className="stack">
          <label>
            {en.scan.pasteLabel}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} spellCheck={false} />
          </label>
          <button type="submit">{en.scan.load}</button>
          <label className="file">
            {en.scan.openFile}
            <input type="file" accept=".psbt,.txt,application/octet-stream,text/plain" onChange={open} />
          </label>
        </form>
      </details>
    </section>
  );
}
