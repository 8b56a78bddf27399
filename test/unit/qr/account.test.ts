import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CryptoAccount, type CryptoHDKey } from '@keystonehq/bc-ur-registry';
import { URDecoder } from '@ngraveio/bc-ur';
import { describe, expect, it } from 'vitest';
import { bip32 } from '../../../src/common/ecc';
import { bitcoinNetwork } from '../../../src/common/network';
import { runCli, tempDir } from '../../helpers/cli';
import { TEST_MNEMONICS } from '../../helpers/multisig-psbt';

describe('xpub export --format ur (crypto-account)', () => {
  for (const script of ['p2wsh', 'p2sh-p2wsh'] as const) {
    it(`carries the same ${script} key as the text export, readable by the reference UR registry`, async () => {
      const dir = tempDir();
      const mnemonicFile = join(dir, 'm.txt');
      writeFileSync(mnemonicFile, TEST_MNEMONICS[0]!);
      const args = [
        '--json',
        'xpub',
        'export',
        '--mnemonic-file',
        mnemonicFile,
        '--script',
        script,
        '--network',
        'testnet',
      ];
      const text = JSON.parse((await runCli(args)).stdout) as {
        fingerprint: string;
        path: string;
        xpub: string;
      };
      const ur = JSON.parse((await runCli([...args, '--format', 'ur'])).stdout).key as string;
      expect(ur).toMatch(/^UR:CRYPTO-ACCOUNT\//);

      const decoded = URDecoder.decode(ur.toLowerCase());
      const account = CryptoAccount.fromCBOR(decoded.cbor);
      expect(account.getMasterFingerprint().toString('hex')).toBe(text.fingerprint);
      const [output] = account.getOutputDescriptors();
      expect(output!.getScriptExpressions().map((e) => e.getExpression())).toEqual(
        script === 'p2wsh' ? ['wsh'] : ['sh', 'wsh'],
      );
      const key = output!.getCryptoKey() as CryptoHDKey;
      const expected = bip32.fromBase58(text.xpub, bitcoinNetwork('testnet'));
      expect(key.getKey().equals(Buffer.from(expected.publicKey))).toBe(true);
      expect(key.getChainCode().equals(Buffer.from(expected.chainCode))).toBe(true);
      expect(`m/${key.getOrigin().getPath()}`).toBe(text.path);
      expect(key.getParentFingerprint().readUInt32BE()).toBe(expected.parentFingerprint);
    });
  }
});
