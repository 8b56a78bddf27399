import { badInput } from '../../common/errors';
import { loadPolicyFile } from '../../policy/load';
import type { CliCommand } from '../context';
import { resolvePath } from '../inputs';

const USAGE = 'airlock policy check FILE';

export const policyCommand: CliCommand = {
  name: 'policy',
  summary: 'validate a policy file (errors name the line and column)',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, file, ...rest] = args;
    if (sub !== 'check' || !file || rest.length > 0) throw badInput('BAD_ARGUMENTS', `Usage: ${USAGE}`);
    const policy = loadPolicyFile(resolvePath(ctx, file));
    ctx.io.stdout.write(
      ctx.json ? `${JSON.stringify(policy)}\n` : `policy for wallet ${policy.wallet} is valid\n`,
    );
  },
};
