import { generateMnemonic } from 'bip39';
import { describe, expect, it } from 'vitest';
import { holdsSecretWords } from '../../../renderer/scan/secret-words';
import { splitMasterSecret } from '../../../src/keys/slip39';
import { buildPsbt, EXTERNAL_SCRIPT, testWallet } from '../../helpers/multisig-psbt';

describe('words held to the camera or pasted on the Scan screen', () => {
  it('are a key share or a seed phrase: refused in the page', () => {
    const [shares = []] = splitMasterSecret({
      masterSecret: new Uint8Array(16).fill(7),
      groups: [{ threshold: 2, count: 3 }],
    });
    for (const share of shares) {
      expect(holdsSecretWords(share)).toBe(true);
      expect(holdsSecretWords(`  ${share.toUpperCase().replaceAll(' ', '\n')}\n`)).toBe(true);
    }
    expect(holdsSecretWords(generateMnemonic(128))).toBe(true);
    expect(holdsSecretWords(generateMnemonic(256))).toBe(true);
  });

  it('never catch a PSBT frame or file', () => {
    const wallet = testWallet();
    const psbt = buildPsbt({
      wallet,
      inputs: [{ index: 0, amount: 20_000n }],
      outputs: [{ script: EXTERNAL_SCRIPT, amount: 19_000n }],
    });
    for (const text of [
      psbt.toBase64(),
      psbt.toHex(),
      'ur:crypto-psbt/1-3/lpadaxcsencylobemohsgmoyadhdeynteelblrcygldwvarflojtcywyjydmylgdsa',
      'B$2P0100FMUE4KXZZ7J3YQBAIAAB',
      'a few words typed by mistake',
    ])
      expect(holdsSecretWords(text)).toBe(false);
  });
});
