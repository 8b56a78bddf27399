import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/common/bytes';
import { mnemonicToSeed } from '../../../src/keys/bip39';
import {
  accountXpub,
  derivePath,
  formatKeyWithOrigin,
  masterNode,
  multisigAccountPath,
  wipeNode,
} from '../../../src/keys/hd';
import vectors from '../../fixtures/keys/bip32-vectors.json';

describe('BIP-32 derivation', () => {
  for (const [n, vector] of vectors.vectors.entries()) {
    it.each(vector.chains)(`test vector ${n + 1}: $path`, (chain) => {
      const root = masterNode(fromHex(vector.seed), 'mainnet');
      const node = chain.path === 'm' ? root : derivePath(root, chain.path);
      expect(node.neutered().toBase58()).toBe(chain.xpub);
      expect(node.toBase58()).toBe(chain.xprv);
    });
  }

  it('wipes the private key of a node', () => {
    const root = masterNode(fromHex(vectors.vectors[0]!.seed), 'mainnet');
    const key = root.privateKey!;
    wipeNode(root);
    expect(key.every((b) => b === 0)).toBe(true);
  });
});

describe('BIP-48 multisig account keys', () => {
  // "abandon … about" is the usual public test mnemonic; its fingerprint 73c5da0a is widely published.
  const seed = mnemonicToSeed({
    mnemonic: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  });

  it('uses m/48h/coin/account/2h for P2WSH and 1h for P2SH-P2WSH', () => {
    expect(multisigAccountPath({ scriptType: 'p2wsh', network: 'mainnet' })).toBe("m/48'/0'/0'/2'");
    expect(multisigAccountPath({ scriptType: 'p2sh-p2wsh', network: 'testnet', account: 3 })).toBe(
      "m/48'/1'/3'/1'",
    );
    expect(multisigAccountPath({ scriptType: 'p2sh', network: 'mainnet' })).toBe("m/45'");
  });

  it('exports the account xpub with its origin', () => {
    const key = accountXpub({ seed, scriptType: 'p2wsh', network: 'testnet' });
    expect(key.fingerprint).toBe('73c5da0a');
    expect(key.xpub.startsWith('tpub')).toBe(true);
    // Reference values computed with Electrum's bip32 module (python3-electrum).
    expect(key.xpub).toBe(
      'tpubDFH9dgzveyD8zTbPUFuLrGmCydNvxehyNdUXKJAQN8x4aZ4j6UZqGfnqFrD4NqyaTVGKbvEW54tsvPTK2UoSbCC1PJY8iCNiwTL3RWZEheQ',
    );
    expect(formatKeyWithOrigin(key)).toBe(`[73c5da0a/48h/1h/0h/2h]${key.xpub}`);
    expect(accountXpub({ seed, scriptType: 'p2sh-p2wsh', network: 'testnet' }).xpub).toBe(
      'tpubDFH9dgzveyD8yHQb8VrpG8FYAuwcLMHMje2CCcbBo1FpaGzYVtJeYYxcYgRqSTta5utUFts8nPPHs9C2bqoxrey5jia6Dwf9mpwrPq7YvcJ',
    );
  });
});
