import { type FormEvent, useState } from 'react';
import type { ConfigStatusView } from '../../src/ipc/models';
import type { OwnerClass } from '../../src/wallet/types';
import { useStrings } from '../i18n';

/**
 * Changes a registered wallet's owner class: at once before the first seal, staged for the quorum
 * (the Changes screen) once the device is sealed.
 */
export function OwnerSetter({
  wallet,
  owner,
  onSet,
}: {
  wallet: string;
  owner: OwnerClass | null;
  onSet: (name: string, owner: OwnerClass) => Promise<ConfigStatusView | null>;
}) {
  const en = useStrings();
  const words = en.wallets;
  const [choice, setChoice] = useState<OwnerClass>(owner === 'company' ? 'customer' : 'company');
  const [done, setDone] = useState<{ owner: OwnerClass; staged: boolean } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const view = await onSet(wallet, choice);
    if (view) setDone({ owner: choice, staged: view.sealed });
  };
  return (
    <details data-owner-setter={wallet}>
      <summary>{words.setOwner}</summary>
      <form onSubmit={submit} className="inline-form" aria-label={words.setOwnerFor(wallet)}>
        <label>
          {words.owner}
          <select
            name="new-owner"
            value={choice}
            onChange={(e) => setChoice(e.target.value === 'company' ? 'company' : 'customer')}
          >
            <option value="customer">{words.owners.customer}</option>
            <option value="company">{words.owners.company}</option>
          </select>
        </label>
        <button type="submit">{words.setOwnerButton}</button>
      </form>
      {done && (
        <p className="notice notice-ok" role="status" data-owner-staged={done.staged}>
          {done.staged
            ? words.ownerStaged(wallet, words.owners[done.owner])
            : words.ownerSet(wallet, words.owners[done.owner])}
        </p>
      )}
    </details>
  );
}
