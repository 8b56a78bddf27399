import type { SignedResult } from '../../src/ipc/models';
import { en } from '../i18n/en';

export function Done({ signed, onHome }: { signed: SignedResult | null; onHome: () => void }) {
  return (
    <section aria-labelledby="done-title" data-screen="done">
      <h1 id="done-title">{en.done.title}</h1>
      {signed && (
        <>
          <p className="lead">{en.done.signed(signed.signedInputs)}</p>
          <p className="address">{en.done.hash(signed.psbtOutHash)}</p>
        </>
      )}
      <div className="actions">
        {/* biome-ignore lint/a11y/noAutofocus: the step's one action */}
        <button type="button" className="primary" onClick={onHome} autoFocus>
          {en.done.home}
        </button>
      </div>
    </section>
  );
}
