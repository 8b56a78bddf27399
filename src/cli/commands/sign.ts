import { formatHead, SigningCeremony } from '../../ceremony/signing-ceremony';
import { wipe } from '../../common/bytes';
import { badInput, refused } from '../../common/errors';
import { sharedChildKeyPool } from '../../keys/ckd-pool';
import type { Wallet } from '../../wallet/types';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';
import { checkOutNotInput, readPsbtArgument, writeResult } from '../inputs';
import { KEY_SOURCE_OPTIONS, loadSigningSeed } from '../key-source';
import { prepareReturn, RETURN_OPTION, returnContents } from '../return-option';
import { approveFromFile, SIGN_GATE_OPTIONS, stagePolicyOption } from '../sign-gate';
import { chooseWallet } from '../wallet-choice';

const USAGE = [
  'airlock sign <PSBT> --wallet NAME (--mnemonic-file F [--passphrase-file F] | --share-file F ...)',
  '       [--approvals-file F [--approver NAME ...]] [--policy FILE] [--return full|signatures] [--out FILE]',
  "  The wallet's sealed policy always applies; --policy only stages a policy for `airlock config accept`.",
  '  Refused (exit 3) while a network interface is up, unless a quorum sealed the override (airlock airgap).',
].join('\n');

const OPTIONS = {
  wallet: { type: 'string' },
  out: { type: 'string' },
  ...KEY_SOURCE_OPTIONS,
  ...SIGN_GATE_OPTIONS,
  ...RETURN_OPTION,
} as const;

export const signCommand: CliCommand = {
  name: 'sign',
  summary:
    "co-sign a PSBT's inputs of a registered wallet under its sealed policy (refuses anything unproven)",
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
    if (positionals.length !== 1) throw badInput('BAD_ARGUMENTS', `give exactly one PSBT. Usage: ${USAGE}`);
    if (!values.wallet) throw badInput('BAD_ARGUMENTS', `--wallet NAME is required. Usage: ${USAGE}`);
    checkOutNotInput(ctx, values.out, positionals);
    const contents = returnContents(values.return);
    const wallet: Wallet = chooseWallet(ctx.dataDir, values.wallet);
    const ceremony = new SigningCeremony(ctx.dataDir, wallet);
    stagePolicyOption(values, ctx, ceremony);
    let psbt: Awaited<ReturnType<typeof readPsbtArgument>>['psbt'];
    try {
      ({ psbt } = await readPsbtArgument(ctx, positionals[0]));
    } catch (error) {
      ceremony.recordRefusal(error);
      throw error;
    }
    const returned = prepareReturn(contents, psbt);
    ceremony.load(psbt.toBuffer());
    const { violations } = await ceremony.reviewPsbt(sharedChildKeyPool());
    for (const v of violations) ctx.io.stderr.write(`refused: ${v.message}\n`);
    approveFromFile(values, ctx, ceremony);
    ceremony.assertGateOpen();
    const seed = await loadSigningSeed(values, ctx);
    let signed: ReturnType<SigningCeremony['sign']>;
    try {
      signed = ceremony.sign({
        withSeed: (use) => {
          if (seed.length === 0) throw refused('QUORUM_USED', 'the key was already used');
          return use(seed);
        },
        listInterfaces: ctx.io.listInterfaces,
      });
    } finally {
      wipe(seed);
    }
    writeResult(ctx, returned(signed.psbt).toBase64(), values.out);
    ctx.io.stderr.write(
      signed.signedInputs.length > 0
        ? `signed ${signed.signedInputs.length} input(s) of wallet ${wallet.name}\n`
        : 'this key had already signed every input it can; the PSBT is unchanged\n',
    );
    ctx.io.stderr.write(`audit head: ${formatHead(signed.head)} (record it on the online side)\n`);
  },
};
