import { sharedChildKeyPool } from '../../keys/ckd-pool';
import { prepareDeriver, reviewPsbt } from '../../psbt/review';
import { ReviewModelSchema } from '../../psbt/review-model';
import { listWallets } from '../../wallet/registry';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';
import { formatReview } from '../format-review';
import { readPsbtArgument } from '../inputs';
import { chooseWallet } from '../wallet-choice';

const USAGE = 'airlock inspect <PSBT> [--wallet NAME]';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'review a PSBT against a registered wallet (--json: the ReviewModel)',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { wallet: { type: 'string' } }, USAGE);
    const wallet = chooseWallet(ctx.dataDir, values.wallet);
    const { psbt } = await readPsbtArgument(ctx, positionals[0]);
    const deriver = await prepareDeriver(psbt, wallet, sharedChildKeyPool());
    const registeredWallets = listWallets(ctx.dataDir);
    const review = ReviewModelSchema.parse(reviewPsbt({ psbt, wallet, deriver, registeredWallets }));
    ctx.io.stdout.write(ctx.json ? `${JSON.stringify(review)}\n` : formatReview(review, wallet));
  },
};
