import { appendAuditEvent } from '../../audit/log';
import { wipe } from '../../common/bytes';
import { AirlockError, badInput } from '../../common/errors';
import { sharedChildKeyPool } from '../../keys/ckd-pool';
import { psbtHash } from '../../psbt/parse';
import { analysePsbt, prepareDeriver } from '../../psbt/review';
import { signPsbt } from '../../psbt/sign';
import { summarizeReview } from '../../psbt/summary';
import { listWallets } from '../../wallet/registry';
import type { Wallet } from '../../wallet/types';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';
import { checkOutNotInput, readPsbtArgument, writeResult } from '../inputs';
import { KEY_SOURCE_OPTIONS, loadSigningSeed } from '../key-source';
import { prepareReturn, RETURN_OPTION, returnContents } from '../return-option';
import { enforcePolicy, loadSignPolicy, policyDestinationCheck, SIGN_GATE_OPTIONS } from '../sign-gate';
import { chooseWallet } from '../wallet-choice';

const USAGE =
  'airlock sign <PSBT> --wallet NAME (--mnemonic-file F [--passphrase-file F] | --share-file F ...) [--policy FILE] [--approver NAME ...] [--return full|signatures] [--out FILE]';

const OPTIONS = {
  wallet: { type: 'string' },
  out: { type: 'string' },
  ...KEY_SOURCE_OPTIONS,
  ...SIGN_GATE_OPTIONS,
  ...RETURN_OPTION,
} as const;

export const signCommand: CliCommand = {
  name: 'sign',
  summary: "co-sign a PSBT's inputs of a registered wallet (refuses anything unproven)",
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
    if (positionals.length !== 1) throw badInput('BAD_ARGUMENTS', `give exactly one PSBT. Usage: ${USAGE}`);
    if (!values.wallet) throw badInput('BAD_ARGUMENTS', `--wallet NAME is required. Usage: ${USAGE}`);
    checkOutNotInput(ctx, values.out, positionals);
    const contents = returnContents(values.return);
    const wallet: Wallet = chooseWallet(ctx.dataDir, values.wallet);
    let hash: string | undefined;
    try {
      const { psbt } = await readPsbtArgument(ctx, positionals[0]);
      hash = psbtHash(psbt);
      const policy = loadSignPolicy({ values, ctx, wallet });
      const isAllowedDestination = policyDestinationCheck(policy, wallet);
      const deriver = await prepareDeriver(psbt, wallet, sharedChildKeyPool());
      const registeredWallets = listWallets(ctx.dataDir);
      const analysis = analysePsbt({ psbt, wallet, isAllowedDestination, deriver, registeredWallets });
      const { review } = analysis;
      appendAuditEvent(ctx.dataDir, {
        event: 'psbt-loaded',
        wallet: wallet.name,
        psbtHash: hash,
        summary: { ...summarizeReview(review) },
      });
      const { approvers } = await enforcePolicy({
        values,
        ctx,
        wallet,
        policy,
        psbt,
        psbtHash: hash,
        review,
      });
      const returned = prepareReturn(contents, psbt);
      const seed = await loadSigningSeed(values, ctx);
      let result: ReturnType<typeof signPsbt>;
      try {
        result = signPsbt({ psbt, wallet, seed, analysis });
      } finally {
        wipe(seed);
      }
      const signed = returned(result.psbt).toBase64();
      const outHash = psbtHash(result.psbt);
      appendAuditEvent(ctx.dataDir, {
        event: 'signed',
        wallet: wallet.name,
        psbtHash: hash,
        psbtOutHash: outHash,
        summary: { ...summarizeReview(result.review), signedInputs: result.signedInputs.length },
        approvers,
        outcome: result.signedInputs.length > 0 ? 'signed' : 'already-signed',
      });
      writeResult(ctx, signed, values.out);
      ctx.io.stderr.write(
        result.signedInputs.length > 0
          ? `signed ${result.signedInputs.length} input(s) of wallet ${wallet.name}\n`
          : `this key had already signed every input it can; the PSBT is unchanged\n`,
      );
    } catch (error) {
      if (error instanceof AirlockError) {
        appendAuditEvent(ctx.dataDir, {
          event: 'refused',
          wallet: wallet.name,
          ...(hash ? { psbtHash: hash } : {}),
          outcome: error.kind,
          reason: `${error.code}: ${error.message}`,
        });
      }
      throw error;
    }
  },
};
