import { badInput } from '../../common/errors';
import { extractTransaction, finalizePsbt } from '../../psbt/finalize';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';
import { checkOutNotInput, readPsbtArgument, writeResult } from '../inputs';

const USAGE = 'airlock finalize <PSBT> [--extract] [--out FILE]';

export const finalizeCommand: CliCommand = {
  name: 'finalize',
  summary: 'finalize a fully signed multisig PSBT; --extract prints the raw transaction in hex',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { extract: { type: 'boolean' }, out: { type: 'string' } },
      USAGE,
    );
    if (positionals.length !== 1) throw badInput('BAD_ARGUMENTS', `give exactly one PSBT. Usage: ${USAGE}`);
    checkOutNotInput(ctx, values.out, positionals);
    const { psbt } = await readPsbtArgument(ctx, positionals[0]);
    const finalized = finalizePsbt(psbt);
    writeResult(ctx, values.extract ? extractTransaction(finalized) : finalized.toBase64(), values.out);
  },
};
