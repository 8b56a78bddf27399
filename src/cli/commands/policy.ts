import { stageChange } from '../../ceremony/changes';
import { recordEvent } from '../../ceremony/events';
import { badInput } from '../../common/errors';
import { loadPolicyFile } from '../../policy/load';
import { walletId } from '../../wallet/identity';
import { loadWallet } from '../../wallet/registry';
import type { CliCommand } from '../context';
import { resolvePath } from '../inputs';

const USAGE = [
  'airlock policy check FILE        validate a policy file (errors name the line and column)',
  '       airlock policy stage FILE        stage it for its wallet; it applies once `airlock config accept` seals it',
].join('\n');

export const policyCommand: CliCommand = {
  name: 'policy',
  summary: 'validate a policy file, or stage it for the quorum to accept',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, file, ...rest] = args;
    if ((sub !== 'check' && sub !== 'stage') || !file || rest.length > 0)
      throw badInput('BAD_ARGUMENTS', `Usage: ${USAGE}`);
    const policy = loadPolicyFile(resolvePath(ctx, file));
    if (sub === 'check') {
      ctx.io.stdout.write(
        ctx.json ? `${JSON.stringify(policy)}\n` : `policy for wallet ${policy.wallet} is valid\n`,
      );
      return;
    }
    const wallet = loadWallet(ctx.dataDir, policy.wallet);
    const id = walletId(wallet);
    stageChange(ctx.dataDir, { kind: 'policy', walletId: id, wallet: wallet.name, policy });
    recordEvent(ctx.dataDir, { event: 'policy-staged', wallet: wallet.name, walletId: id });
    ctx.io.stderr.write(
      `policy for wallet ${wallet.name} staged; a quorum accepts it with airlock config accept\n`,
    );
  },
};
