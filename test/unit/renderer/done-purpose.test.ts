import type { Psbt } from 'bitcoinjs-lib';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { LanguageProvider } from '../../../renderer/i18n';
import { Done } from '../../../renderer/screens/Done';
import type { ReviewResult, SignedResult } from '../../../src/ipc/models';
import { prepareMessage } from '../../../src/psbt/bip322';
import { prepareProofOfReserves } from '../../../src/psbt/reserves-proof';
import { reviewPsbt } from '../../../src/psbt/review';
import { WalletDeriver } from '../../../src/wallet/derive';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../../helpers/multisig-psbt';

const wallet = testWallet();
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The Done screen after this device's signature of `psbt`, in `language`, as plain text. */
function doneText(psbt: Psbt, language: 'en' | 'ja'): string {
  globalThis.localStorage = { getItem: () => language } as unknown as Storage;
  const result: ReviewResult = {
    walletName: wallet.name,
    psbtHash: '0'.repeat(64),
    review: reviewPsbt({ psbt, wallet }),
    violations: [],
    approvalsRequired: 0,
  };
  const signed: SignedResult = {
    psbtBase64: psbt.toBase64(),
    psbtOutHash: 'a'.repeat(64),
    signedInputs: result.review.inputs.filter((i) => i.ours).length,
    auditHead: `7:${'b'.repeat(64)}`,
    format: 'base64',
    frames: [psbt.toBase64()],
  };
  const done = createElement(Done, {
    review: result,
    signed,
    onShowAgain: () => {},
    onSave: async () => null,
    onHome: () => {},
  });
  return text(renderToStaticMarkup(createElement(LanguageProvider, null, done)));
}

describe('Done screen: what a proof of reserves or a message signature was', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });
  const proof = prepareProofOfReserves({
    coins: buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 123_456_789n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 1000n }],
    }),
    wallet,
    message: 'Q4 audit',
  });
  const address = new WalletDeriver(wallet).address(0, 4);
  const message = prepareMessage({
    wallet,
    match: { wallet: wallet.name, branch: 'receive', index: 4, address },
    message: 'We control this address',
  });

  it('says what a proof proved, with the head, and that it is finalised and checked, never broadcast', () => {
    const shown = doneText(proof, 'en');
    expect(shown).toContain(
      'Proof of reserves signed This device signed a proof of reserves. Nothing moves: the transaction can never be confirmed. Message: “Q4 audit” Proves 1.23 456 789 BTC in 1 coin(s) of wallet treasury.',
    );
    expect(shown).toContain(
      'then finalise the proof and check it with airlock reserves verify. It is never broadcast.',
    );
    expect(shown).not.toContain('broadcast the transaction');
    expect(shown).toContain(`Audit head after this signature: 7:${'b'.repeat(64)}`);
    expect(shown).toContain('Save as a file');
  });

  it('says which message was signed for which address of the wallet', () => {
    expect(doneText(message, 'en')).toContain(
      `Message signed Message “We control this address” signed for address ${address} of wallet treasury.`,
    );
  });

  it('says both in Japanese', () => {
    const proofJa = doneText(proof, 'ja');
    expect(proofJa).toContain('準備金の証明に署名しました');
    expect(proofJa).toContain('メッセージ:「Q4 audit」');
    expect(proofJa).toContain('(ウォレット treasury の 1 個のコイン)');
    expect(doneText(message, 'ja')).toContain(
      `メッセージ「We control this address」に、ウォレット treasury のアドレス ${address} で署名しました。`,
    );
  });
});
