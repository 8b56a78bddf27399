import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReviewPurpose } from '../../../renderer/components/ReviewPurpose';
import type { ReviewResult } from '../../../src/ipc/models';
import { prepareProofOfReserves } from '../../../src/psbt/reserves-proof';
import { reviewPsbt } from '../../../src/psbt/review';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../../helpers/multisig-psbt';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('Review screen: what a PSBT that pays nobody is', () => {
  it('says a proof of reserves proves an amount in coins of the wallet and can never be confirmed', () => {
    const wallet = testWallet();
    const coins = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 123_456_789n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 1000n }],
    });
    const review = reviewPsbt({
      psbt: prepareProofOfReserves({ coins, wallet, message: 'Q4 audit' }),
      wallet,
    });
    const result = {
      walletName: wallet.name,
      psbtHash: '0'.repeat(64),
      review,
      violations: [],
      approvalsRequired: 0,
    };
    const shown = text(
      renderToStaticMarkup(createElement(ReviewPurpose, { result: result as ReviewResult })),
    );
    expect(shown).toBe(
      'Proof of reserves Message: “Q4 audit” Proves 1.23 456 789 BTC in 1 coin(s) of wallet treasury. This transaction can never be confirmed: no coin moves and no payment is made.',
    );
  });
});
