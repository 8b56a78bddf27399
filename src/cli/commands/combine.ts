import { badInput } from '../../common/errors';
import { combinePsbts } from '../../psbt/combine';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';
import { checkOutNotInput, readPsbtArgument, writeResult } from '../inputs';

const USAGE = 'airlock combine <PSBT> <PSBT>... [--out FILE]';

export const combineCommand: CliCommand = {
  name: 'combine',
  summary: 'merge the signatures of PSBTs for the same transaction',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } }, USAGE);
    if (positionals.length < 2) throw badInput('BAD_ARGUMENTS', `give at least two PSBTs. Usage: ${USAGE}`);
    if (positionals.filter((p) => p === '-').length > 1) {
      throw badInput('BAD_ARGUMENTS', 'standard input (-) can hold only one of the PSBTs');
    }
    checkOutNotInput(ctx, values.out, positionals);
    const psbts = [];
    for (const arg of positionals) psbts.push((await readPsbtArgument(ctx, arg)).psbt);
    writeResult(ctx, combinePsbts(psbts).toBase64(), values.out);
  },
};
