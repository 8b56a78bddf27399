import { badInput } from '../../common/errors';
import { sharedChildKeyPool } from '../../keys/ckd-pool';
import { prepareProofOfReserves, verifyProofOfReserves } from '../../psbt/reserves-proof';
import { prepareDeriver } from '../../psbt/review';
import { parseCommandArgs } from '../args';
import type { CliCommand, CliContext } from '../context';
import { checkOutNotInput, readPsbtArgument, writeResult } from '../inputs';
import { formatBtc, readMessageFile } from '../message-file';
import { chooseWallet } from '../wallet-choice';

const USAGE = [
  'airlock reserves prepare --wallet NAME --message-file F <PSBT-OF-COINS> [--out FILE]',
  '       airlock reserves verify <PROOF-PSBT> [--message-file F] [--json]',
].join('\n');

async function prepare(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    { wallet: { type: 'string' }, 'message-file': { type: 'string' }, out: { type: 'string' } },
    USAGE,
  );
  if (positionals.length !== 1)
    throw badInput('BAD_ARGUMENTS', `give one PSBT of the coins. Usage: ${USAGE}`);
  if (!values.wallet) throw badInput('BAD_ARGUMENTS', `--wallet NAME is required. Usage: ${USAGE}`);
  checkOutNotInput(ctx, values.out, [...positionals, values['message-file']]);
  const message = readMessageFile(ctx, values['message-file']);
  const wallet = chooseWallet(ctx.dataDir, values.wallet);
  const { psbt: coins } = await readPsbtArgument(ctx, positionals[0]);
  const deriver = await prepareDeriver(coins, wallet, sharedChildKeyPool());
  const proof = prepareProofOfReserves({ coins, wallet, message, deriver });
  writeResult(ctx, proof.toBase64(), values.out);
  ctx.io.stderr.write(
    `unsigned proof of reserves of ${formatBtc(proof.txOutputs[0]!.value)} in ${proof.inputCount - 1} coin(s) of wallet ${wallet.name}; it can never be confirmed\n`,
  );
}

async function verify(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { 'message-file': { type: 'string' } }, USAGE);
  if (positionals.length !== 1) throw badInput('BAD_ARGUMENTS', `give one finished proof. Usage: ${USAGE}`);
  const { psbt } = await readPsbtArgument(ctx, positionals[0]);
  const proof = verifyProofOfReserves(psbt);
  if (
    values['message-file'] !== undefined &&
    readMessageFile(ctx, values['message-file']) !== proof.message
  ) {
    throw badInput(
      'MESSAGE_MISMATCH',
      `the proof commits to the message "${proof.message}", not to the one given`,
    );
  }
  if (ctx.json) {
    const { message, total, coinList } = proof;
    ctx.io.stdout.write(
      `${JSON.stringify({ valid: true, message, total: Number(total), coins: coinList })}\n`,
    );
    return;
  }
  ctx.io.stdout.write(
    [
      `Proof of reserves: valid`,
      `Message: ${proof.message}`,
      `Proves ${formatBtc(proof.total)} in ${proof.coins} coin(s):`,
      ...proof.coinList.map((c) => `  ${c.txid}:${c.vout}  ${c.amount} sat`),
      'Whether these coins were unspent at a given block is for a node to say.',
      '',
    ].join('\n'),
  );
}

export const reservesCommand: CliCommand = {
  name: 'reserves',
  summary: 'BIP-127 proof of reserves: build the unsigned proof from the coins, verify a finished one',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'prepare') return prepare(rest, ctx);
    if (sub === 'verify') return verify(rest, ctx);
    throw badInput('BAD_ARGUMENTS', `unknown reserves subcommand; usage: ${USAGE}`);
  },
};
