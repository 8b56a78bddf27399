import { Psbt, Transaction } from 'bitcoinjs-lib';
import { bip32 } from '../../src/common/ecc';
import { bitcoinNetwork, type NetworkName } from '../../src/common/network';
import { mnemonicToSeed } from '../../src/keys/bip39';
import { accountXpub } from '../../src/keys/hd';
import { WalletDeriver } from '../../src/wallet/derive';
import { formatDescriptor } from '../../src/wallet/descriptor';
import type { Chain, ScriptType, Wallet } from '../../src/wallet/types';

/** Three public BIP-39 test mnemonics (Trezor vectors): cosigners A, B and C of the test wallets. */
export const TEST_MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
] as const;

/** An outsider's mnemonic: its key is in no test wallet. */
export const OUTSIDER_MNEMONIC = 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong';

export const seedOf = (mnemonic: string) => mnemonicToSeed({ mnemonic });

/** A sortedmulti wallet of the three test cosigners, as a coordinator would register it. */
export function testWallet({
  scriptType = 'p2wsh',
  network = 'testnet',
  threshold = 2,
  mnemonics = TEST_MNEMONICS,
  name = 'treasury',
  sorted = true,
}: {
  scriptType?: ScriptType;
  network?: NetworkName;
  threshold?: number;
  mnemonics?: readonly string[];
  name?: string;
  /** false for multi() (keys in cosigner order) instead of sortedmulti(). */
  sorted?: boolean;
} = {}): Wallet {
  const cosigners = mnemonics.map((m) => accountXpub({ seed: seedOf(m), scriptType, network }));
  const descriptor = formatDescriptor({ scriptType, sorted, threshold, cosigners });
  return { name, network, scriptType, threshold, sorted, cosigners, descriptor };
}

export interface TestInput {
  chain?: Chain;
  index: number;
  amount: bigint;
  /** Include the full previous transaction (default true). */
  previousTx?: boolean;
  /** Include the witness UTXO (default: true for segwit wallets). */
  witnessUtxo?: boolean;
  /** Spend this wallet's script instead of the PSBT's wallet (a foreign input). */
  from?: Wallet;
  /** The previous transaction spends a segwit coin itself, so its bytes carry a witness. */
  previousTxWitness?: boolean;
}

export type TestOutput =
  | { change: { chain?: Chain; index: number }; amount: bigint; wallet?: Wallet }
  | { script: Uint8Array; amount: bigint };

let funding = 0;

/** A funding transaction paying `script` at output `vout` (other outputs are padding). */
export function fundingTx(script: Uint8Array, amount: bigint, vout = 1): Transaction {
  const tx = new Transaction();
  tx.version = 2;
  const seed = new Uint8Array(32);
  new DataView(seed.buffer).setUint32(0, ++funding);
  tx.addInput(seed, 0);
  for (let i = 0; i < vout; i++) tx.addOutput(Uint8Array.of(0x6a, 0x01, i), 0n);
  tx.addOutput(script, amount);
  return tx;
}

function derivations(wallet: Wallet, chain: Chain, index: number) {
  const network = bitcoinNetwork(wallet.network);
  return wallet.cosigners.map((c) => ({
    masterFingerprint: Uint8Array.from(Buffer.from(c.fingerprint!, 'hex')),
    path: `${c.path}/${chain}/${index}`,
    pubkey: Uint8Array.from(bip32.fromBase58(c.xpub, network).derive(chain).derive(index).publicKey),
  }));
}

/**
 * A wallet that looks like the test wallet: cosigners A and B with the same fingerprints and paths,
 * C's key replaced by an outsider's. Its scripts claim our derivations but are not ours.
 */
export function lookalikeWallet(): Wallet {
  return testWallet({ mnemonics: [TEST_MNEMONICS[0], TEST_MNEMONICS[1], OUTSIDER_MNEMONIC] });
}

/**
 * The ceremony tests' spend, in base64: one 0.5 BTC coin of `wallet` in; `amount` to an outsider, the rest
 * less a 10 000 sat fee as change at /1/3.
 */
export function spendOf(wallet: Wallet, amount: bigint): string {
  return buildPsbt({
    wallet,
    inputs: [{ index: 0, amount: 50_000_000n }],
    outputs: [
      { script: EXTERNAL_SCRIPT, amount },
      { change: { index: 3 }, amount: 50_000_000n - amount - 10_000n },
    ],
  }).toBase64();
}

/** A PSBT spending coins of `wallet` (or of `from` wallets) as a coordinator like Sparrow builds it. */
export function buildPsbt({
  wallet,
  inputs,
  outputs,
  locktime = 0,
  sequence = 0xfffffffd,
}: {
  wallet: Wallet;
  inputs: TestInput[];
  outputs: TestOutput[];
  locktime?: number;
  sequence?: number;
}): Psbt {
  const psbt = new Psbt({ network: bitcoinNetwork(wallet.network) });
  psbt.setVersion(2);
  psbt.setLocktime(locktime);
  for (const input of inputs) {
    const owner = input.from ?? wallet;
    const chain = input.chain ?? 0;
    const script = new WalletDeriver(owner).script(chain, input.index);
    const previous = fundingTx(script.outputScript, input.amount, 1 + (input.index % 3));
    if (input.previousTxWitness) previous.setWitness(0, [Uint8Array.of(1, 2, 3), Uint8Array.of(4)]);
    const vout = previous.outs.length - 1;
    const segwit = owner.scriptType !== 'p2sh';
    psbt.addInput({
      hash: previous.getHash(),
      index: vout,
      sequence,
      ...(input.previousTx !== false ? { nonWitnessUtxo: previous.toBuffer() } : {}),
      ...((input.witnessUtxo ?? segwit)
        ? { witnessUtxo: { script: script.outputScript, value: input.amount } }
        : {}),
      ...(script.witnessScript ? { witnessScript: script.witnessScript } : {}),
      ...(script.redeemScript ? { redeemScript: script.redeemScript } : {}),
      bip32Derivation: derivations(owner, chain, input.index),
    });
  }
  for (const output of outputs) {
    if ('change' in output) {
      const owner = output.wallet ?? wallet;
      const chain = output.change.chain ?? 1;
      const script = new WalletDeriver(owner).script(chain, output.change.index);
      psbt.addOutput({
        script: script.outputScript,
        value: output.amount,
        bip32Derivation: derivations(owner, chain, output.change.index),
        ...(script.witnessScript ? { witnessScript: script.witnessScript } : {}),
        ...(script.redeemScript ? { redeemScript: script.redeemScript } : {}),
      });
    } else {
      psbt.addOutput({ script: output.script, value: output.amount });
    }
  }
  return psbt;
}

/** A P2WPKH output script of an unrelated key (an external payee). */
export const EXTERNAL_SCRIPT = Uint8Array.from(
  Buffer.from('0014751e76e8199196d454941c45d1b3a323f1433bd6', 'hex'),
);
