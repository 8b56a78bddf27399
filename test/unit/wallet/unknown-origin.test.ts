import { describe, expect, it } from 'vitest';
import { isAirlockError } from '../../../src/common/errors';
import { combinePsbts } from '../../../src/psbt/combine';
import { extractTransaction, finalizePsbt } from '../../../src/psbt/finalize';
import { parsePsbt } from '../../../src/psbt/parse';
import { reviewPsbt } from '../../../src/psbt/review';
import { signPsbt } from '../../../src/psbt/sign';
import { WalletDeriver } from '../../../src/wallet/derive';
import { importWallet, importWalletDetailed } from '../../../src/wallet/import';
import { loadWallet, registerWallet } from '../../../src/wallet/registry';
import { runCli, tempDir } from '../../helpers/cli';
import { buildPsbt, EXTERNAL_SCRIPT, seedOf, TEST_MNEMONICS, testWallet } from '../../helpers/multisig-psbt';
import { verifyTransaction } from '../../helpers/verify-tx';
import { electrumAddresses } from './electrum-reference';
import { errorCodeOf, fixture, fixturePath } from './support';

// A key whose BIP-32 path the coordinator does not know (Unchained's platform key): its scripts derive
// from its xpub at /chain/index like any other key, but it claims no derivation and is never signed with.

const PLATFORM_XPUB =
  'tpubDF17mBZYUi35iCPDfFAa3jFd23L5ZF49tpS1AS1cEqNwhNaS8qVVD8ZPj67iKEarhPuMapZHuxr7TBDYA4DLxAoz25FN8ksyakdbc2V4X2Q';

describe('a Caravan configuration with an Unchained key of unknown path (caravan-bitcoin/caravan)', () => {
  const file = 'caravan/unchained-platform-key-unknown-path.json';

  it('registers with the key’s origin unknown and Electrum’s first addresses', () => {
    const { wallet, format } = importWalletDetailed({ text: fixture(file) });
    expect(format).toBe('caravan');
    expect(wallet).toMatchObject({ name: 'Test', network: 'testnet', scriptType: 'p2sh', threshold: 2 });
    expect(wallet.cosigners).toEqual([
      { fingerprint: null, path: null, xpub: PLATFORM_XPUB },
      expect.objectContaining({ fingerprint: '39b12f98', path: "m/45'/1/0/0" }),
      expect.objectContaining({ fingerprint: '77d36d3b', path: "m/45'/1/0/0" }),
    ]);
    // The descriptor writes the key bare, as descriptors write a key without origin.
    expect(wallet.descriptor).toContain(`,${PLATFORM_XPUB}/<0;1>/*`.slice(1));
    expect(wallet.descriptor).not.toContain(`]${PLATFORM_XPUB}`);
    const [electrum] = electrumAddresses([
      {
        wallet,
        points: [
          [0, 0],
          [1, 0],
          [0, 5],
        ],
      },
    ]);
    const deriver = new WalletDeriver(wallet);
    expect([deriver.address(0, 0), deriver.address(1, 0), deriver.address(0, 5)]).toEqual(electrum);
  });

  it('is stored and read back (the registry checks the file against its descriptor)', () => {
    const dataDir = tempDir();
    const wallet = importWallet({ text: fixture(file) });
    expect(registerWallet(dataDir, wallet).created).toBe(true);
    expect(loadWallet(dataDir, 'Test')).toEqual(wallet);
  });

  it('shows the origin as unknown in wallet import', async () => {
    const result = await runCli(['--data-dir', tempDir(), 'wallet', 'import', fixturePath(file)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`1. [origin unknown] ${PLATFORM_XPUB}`);
    expect(result.stdout).toContain("2. [39b12f98/45'/1/0/0]");
  });

  it('still refuses a wallet in which no key has an origin', () => {
    const config = JSON.parse(fixture(file));
    for (const key of config.extendedPublicKeys) key.bip32Path = 'Unknown';
    expect(errorCodeOf(() => importWallet({ text: JSON.stringify(config) }))).toBe('KEY_ORIGIN_MISSING');
  });
});

describe.each(['p2wsh', 'p2sh'] as const)(
  'reviewing and signing for a %s wallet with a key of unknown origin',
  (scriptType) => {
    const known = testWallet({ scriptType });
    // The coordinator's PSBT carries derivations for every key; the wallet knows the second key's xpub only.
    const secondXpub = known.cosigners[1]!.xpub;
    const wallet = importWallet({
      text: known.descriptor
        .replace(/#.*$/, '')
        .replace(/\[[^\]]*\](?=tpub)/g, (origin, at: number) =>
          known.descriptor.slice(at).startsWith(`${origin}${secondXpub}`) ? '' : origin,
        ),
      name: 'platform',
    });
    const unsigned = buildPsbt({
      wallet: known,
      inputs: [
        { index: 0, amount: 150_000n },
        { chain: 1, index: 7, amount: 60_000n },
      ],
      outputs: [
        { script: EXTERNAL_SCRIPT, amount: 120_000n },
        { change: { index: 3 }, amount: 85_000n },
      ],
    }).toBase64();

    it('knows the wallet only through its other keys’ origins', () => {
      expect(wallet.cosigners.map((c) => c.fingerprint === null)).toEqual([false, true, false]);
    });

    it('recognises the inputs and the change from the xpubs', () => {
      const review = reviewPsbt({ psbt: parsePsbt(unsigned), wallet });
      expect(review.inputs.map((i) => i.ours)).toEqual([true, true]);
      expect(review.outputs.map((o) => o.kind)).toEqual(['external', 'change']);
    });

    it('signs with this device’s key, and the signatures verify once combined', () => {
      const byA = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[0]) });
      const byC = signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[2]) });
      expect(byA.signedInputs).toEqual([0, 1]);
      const combined = combinePsbts([parsePsbt(byA.psbt.toBase64()), parsePsbt(byC.psbt.toBase64())]);
      const txHex = extractTransaction(finalizePsbt(combined));
      const deriver = new WalletDeriver(wallet);
      const spent = [
        { script: deriver.script(0, 0).outputScript, value: 150_000n },
        { script: deriver.script(1, 7).outputScript, value: 60_000n },
      ];
      expect(verifyTransaction(txHex, spent)).toEqual([]);
    });

    it('never signs with the key of unknown origin, even when given its seed', () => {
      let code: string | undefined;
      try {
        signPsbt({ psbt: parsePsbt(unsigned), wallet, seed: seedOf(TEST_MNEMONICS[1]) });
      } catch (error) {
        code = isAirlockError(error) ? error.code : 'not typed';
      }
      expect(code).toBe('KEY_NOT_IN_WALLET');
    });
  },
);
