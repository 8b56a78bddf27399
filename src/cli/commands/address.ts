import { badInput } from '../../common/errors';
import { DEFAULT_ADDRESS_RANGE, groupsOfFour, requireAddress } from '../../wallet/address-search';
import { listWallets, loadWallet } from '../../wallet/registry';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';

const USAGE = `airlock address verify <ADDRESS|BIP21-URI> [--wallet NAME] [--range N (default ${DEFAULT_ADDRESS_RANGE})] [--json]`;

export const addressCommand: CliCommand = {
  name: 'address',
  summary: 'say which registered wallet, branch and index an address belongs to (exit 3 when not found)',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub !== 'verify') throw badInput('BAD_ARGUMENTS', `unknown address subcommand; usage: ${USAGE}`);
    const { values, positionals } = parseCommandArgs(
      rest,
      { wallet: { type: 'string' }, range: { type: 'string' } },
      USAGE,
    );
    if (positionals.length !== 1) throw badInput('BAD_ARGUMENTS', `give one address. Usage: ${USAGE}`);
    const range = values.range === undefined ? DEFAULT_ADDRESS_RANGE : Number(values.range);
    if (values.range !== undefined && !/^\d+$/.test(values.range))
      throw badInput('BAD_ARGUMENTS', '--range is a whole number of addresses per branch');
    const wallets = values.wallet ? [loadWallet(ctx.dataDir, values.wallet)] : listWallets(ctx.dataDir);
    if (wallets.length === 0)
      throw badInput('WALLET_REQUIRED', 'no wallet is registered; register one with airlock wallet import');
    const match = requireAddress({ input: positionals[0] as string, wallets, range });
    ctx.io.stdout.write(
      ctx.json
        ? `${JSON.stringify(match)}\n`
        : `${groupsOfFour(match.address)}\nbelongs to wallet ${match.wallet}, ${match.branch} address ${match.index}\n`,
    );
  },
};
