import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Psbt } from 'bitcoinjs-lib';
import { expect } from 'vitest';
import { type AuditEntry, AuditEntrySchema } from '../../../src/audit/log';
import { acceptChanges } from '../../../src/ceremony/config-ceremony';
import { registerWallet } from '../../../src/wallet/registry';
import type { Wallet } from '../../../src/wallet/types';
import { runCli, tempDir } from '../../helpers/cli';
import { seedOf, TEST_MNEMONICS } from '../../helpers/multisig-psbt';

/** Seals the data directory as it is with the key of one test cosigner: its first quorum ceremony. */
export function sealAs(dataDir: string, mnemonic: string): void {
  acceptChanges({ dataDir, withSeed: (use) => use(seedOf(mnemonic)) });
}

/**
 * A signing device's data directory with `wallet` registered and sealed by cosigner `device`'s key
 * (0 unless told; null leaves it unsealed), and mnemonic files for the three test cosigners.
 */
export function cliWorkspace(wallet: Wallet, { device = 0 as number | null } = {}) {
  const dir = tempDir('airlock-psbt-cli-');
  const dataDir = join(dir, 'data');
  registerWallet(dataDir, wallet);
  if (device !== null) sealAs(dataDir, TEST_MNEMONICS[device]!);
  const mnemonicFiles = TEST_MNEMONICS.map((mnemonic, i) => {
    const path = join(dir, `cosigner-${i}.txt`);
    writeFileSync(path, `${mnemonic}\n`);
    return path;
  });
  return {
    dir,
    dataDir,
    mnemonicFiles,
    /** Writes a PSBT file (base64 unless told otherwise) and returns its path. */
    writePsbt(
      psbt: Pick<Psbt, 'toBuffer'> | Uint8Array,
      name = 'in.psbt',
      form: 'base64' | 'binary' | 'hex' = 'base64',
    ): string {
      const path = join(dir, name);
      const bytes = psbt instanceof Uint8Array ? psbt : psbt.toBuffer();
      writeFileSync(
        path,
        form === 'binary' ? bytes : Buffer.from(bytes).toString(form === 'hex' ? 'hex' : 'base64'),
      );
      return path;
    },
    /** `airlock --data-dir … config accept --mnemonic-file F`: cosigner `k`'s key accepts what is staged here. */
    acceptArgs(k = 0): string[] {
      return ['--data-dir', dataDir, 'config', 'accept', '--mnemonic-file', mnemonicFiles[k]!];
    },
    /** `airlock --data-dir … sign FILE --wallet NAME --mnemonic-file F`, plus any extra arguments. */
    signArgs(file: string, mnemonicFile: string, ...extra: string[]): string[] {
      return [
        '--data-dir',
        dataDir,
        'sign',
        file,
        '--wallet',
        wallet.name,
        '--mnemonic-file',
        mnemonicFile,
        ...extra,
      ];
    },
    /**
     * `sign` as cosigner `k` on its own device (a data directory with the wallet, sealed by its key);
     * cosigner `device` signs on this one.
     */
    signArgsAs(file: string, k: number, ...extra: string[]): string[] {
      const own = join(dir, `device-${k}`);
      if (k !== device) {
        registerWallet(own, wallet);
        if (!existsSync(join(own, 'seal.json'))) sealAs(own, TEST_MNEMONICS[k]!);
      }
      const args = this.signArgs(file, mnemonicFiles[k]!, ...extra);
      return k === device ? args : ['--data-dir', own, ...args.slice(2)];
    },
    /**
     * Cosigners `cosigners` each sign `file` on their own device, then `combine` and `finalize`;
     * returns the finished PSBT's path and each cosigner's `sign` result.
     */
    async cosignAndFinalize(file: string, cosigners: number[]) {
      const signed: string[] = [];
      const results = [];
      for (const k of cosigners) {
        const out = join(dir, `signed-${k}.psbt`);
        const result = await runCli([...this.signArgsAs(file, k), '--out', out]);
        expect(result.status, result.stderr).toBe(0);
        results.push(result);
        signed.push(out);
      }
      const combined = join(dir, 'combined.psbt');
      expect((await runCli(['combine', ...signed, '--out', combined])).status).toBe(0);
      const finished = join(dir, 'finished.psbt');
      expect((await runCli(['finalize', combined, '--out', finished])).status).toBe(0);
      return { combined, finished, results };
    },
    audit(): AuditEntry[] {
      let text = '';
      try {
        text = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => AuditEntrySchema.parse(JSON.parse(line)));
    },
  };
}
