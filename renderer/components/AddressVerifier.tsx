import { type FormEvent, type ReactNode, useState } from 'react';
import type { AddressCheck } from '../../src/ipc/models';
import { useStrings } from '../i18n';

/**
 * "Verify an address": paste or scan an address or BIP-21 URI; main says which registered wallet,
 * branch and index it is, or plainly that it is none of the first addresses searched.
 */
export function AddressVerifier({
  onVerify,
  camera,
}: {
  onVerify: (address: string) => Promise<AddressCheck | null>;
  camera: (onPayload: (text: string) => void) => ReactNode;
}) {
  const en = useStrings();
  const [address, setAddress] = useState('');
  const [scanning, setScanning] = useState(false);
  const [result, setResult] = useState<AddressCheck | null>(null);
  const verify = async (text: string) => {
    setResult(null);
    if (text.trim()) setResult(await onVerify(text.trim()));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await verify(address);
  };
  return (
    <section aria-labelledby="verify-address-title" data-address-verifier="">
      <h2 id="verify-address-title">{en.verifyAddress.title}</h2>
      <p>{en.verifyAddress.hint}</p>
      <form onSubmit={submit} className="stack">
        <label>
          {en.verifyAddress.input}
          <input
            name="address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={!address.trim()}>
            {en.verifyAddress.check}
          </button>
          <button type="button" onClick={() => setScanning(!scanning)}>
            {scanning ? en.verifyAddress.stopScan : en.verifyAddress.scan}
          </button>
        </div>
      </form>
      {scanning &&
        camera((payload) => {
          setScanning(false);
          setAddress(payload);
          void verify(payload);
        })}
      {result && (
        <div role="status" className="notice" data-address-found={String(result.found)}>
          <p className="address" data-address-grouped="">
            {result.grouped}
          </p>
          <p>
            {result.found && result.wallet && result.branch && result.index !== undefined
              ? en.verifyAddress.found(result.wallet, en.verifyAddress.branches[result.branch], result.index)
              : en.verifyAddress.notFound(result.range)}
          </p>
        </div>
      )}
    </section>
  );
}
