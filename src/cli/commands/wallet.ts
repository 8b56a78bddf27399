import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { configStatus } from '../../ceremony/config-ceremony';
import { recordEvent } from '../../ceremony/events';
import { registerOrStageWallet, setOrStageWalletOwner } from '../../ceremony/registration';
import { badInput, isAirlockError } from '../../common/errors';
import { NetworkNameSchema } from '../../common/network';
import { WalletDeriver } from '../../wallet/derive';
import { type ImportWalletInput, importWalletDetailed, MAX_WALLET_FILE_BYTES } from '../../wallet/import';
import { listWallets, loadWallet } from '../../wallet/registry';
import { OwnerClassSchema, type Wallet } from '../../wallet/types';
import { parseCommandArgs } from '../args';
import type { CliCommand, CliContext } from '../context';

const USAGE = [
  'airlock wallet import <FILE|DESCRIPTOR|UR|-> [--name NAME] [--network NET] [--owner customer|company]',
  '         [--without-device-key]   (once the configuration is sealed, a new wallet is staged until `airlock config accept`)',
  '       airlock wallet list',
  '       airlock wallet show NAME',
  '       airlock wallet owner NAME customer|company   (staged until `airlock config accept` once sealed)',
].join('\n');

/** A descriptor or a UR (`ur:crypto-output/…`) typed on the command line rather than a path to a file. */
function looksLikeInlineDescriptor(argument: string): boolean {
  return /^([a-z_]+\(|ur:)/i.test(argument.trim());
}

function readLimited(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw badInput('FILE_UNREADABLE', `cannot read the wallet file ${path}`);
  }
  if (size > MAX_WALLET_FILE_BYTES) {
    throw badInput('WALLET_FILE_TOO_LARGE', `a wallet file is at most ${MAX_WALLET_FILE_BYTES / 1024} kB`);
  }
  const buffer = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

async function readSource(argument: string, ctx: CliContext): Promise<string> {
  if (argument === '-') {
    const bytes = await ctx.io.readStdin();
    if (bytes.length > MAX_WALLET_FILE_BYTES) {
      throw badInput('WALLET_FILE_TOO_LARGE', `a wallet file is at most ${MAX_WALLET_FILE_BYTES / 1024} kB`);
    }
    return Buffer.from(bytes).toString('utf8');
  }
  if (looksLikeInlineDescriptor(argument)) return argument;
  return readLimited(resolve(ctx.io.cwd, argument));
}

function describeWallet(wallet: Wallet): string {
  const deriver = new WalletDeriver(wallet);
  const lines = [
    `Wallet:     ${wallet.name}`,
    `Policy:     ${wallet.threshold} of ${wallet.cosigners.length} (${wallet.sorted ? 'sortedmulti' : 'multi'})`,
    `Script:     ${wallet.scriptType}`,
    `Network:    ${wallet.network}`,
    `Owner:      ${wallet.owner ?? 'not assigned (transfers to or from it need the policy to allow them)'}`,
    'Cosigners:',
    ...wallet.cosigners.map(
      (c, i) =>
        `  ${i + 1}. ${c.fingerprint !== null && c.path !== null ? `[${c.fingerprint}${c.path.slice(1)}]` : '[origin unknown]'} ${c.xpub}`,
    ),
    `First receive address: ${deriver.address(0, 0)}`,
    `First change address:  ${deriver.address(1, 0)}`,
    `Descriptor: ${wallet.descriptor}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Registers the wallet; a refused import is written to the audit log too, as a trace of what was offered. */
function registerOrLogRefusal(ctx: CliContext, input: ImportWalletInput, confirmWithoutDeviceKey: boolean) {
  try {
    const imported = importWalletDetailed(input);
    return {
      ...imported,
      ...registerOrStageWallet(ctx.dataDir, imported.wallet, { confirmWithoutDeviceKey }),
    };
  } catch (error) {
    if (isAirlockError(error)) {
      recordEvent(ctx.dataDir, {
        event: 'wallet-import-refused',
        ...(input.name ? { wallet: input.name } : {}),
        outcome: error.kind,
        reason: error.code,
        details: { message: error.message },
      });
    }
    throw error;
  }
}

async function importCommand(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      name: { type: 'string' },
      network: { type: 'string' },
      owner: { type: 'string' },
      'without-device-key': { type: 'boolean' },
    },
    USAGE,
  );
  if (positionals.length !== 1)
    throw badInput('BAD_ARGUMENTS', `give one wallet file or descriptor. Usage: ${USAGE}`);
  const owner = OwnerClassSchema.optional().safeParse(values.owner);
  if (!owner.success) throw badInput('BAD_ARGUMENTS', '--owner must be customer or company');
  let network: Wallet['network'] | undefined;
  if (values.network !== undefined) {
    const parsed = NetworkNameSchema.safeParse(values.network);
    if (!parsed.success)
      throw badInput('BAD_ARGUMENTS', '--network must be mainnet, testnet, signet or regtest');
    network = parsed.data;
  }
  const text = await readSource(positionals[0] as string, ctx);
  const { wallet, format, created, staged, notes } = registerOrLogRefusal(
    ctx,
    { text, name: values.name, network, ...(owner.data ? { owner: owner.data } : {}) },
    values['without-device-key'] ?? false,
  );
  for (const note of notes) ctx.io.stderr.write(`Note: ${note}\n`);
  const export_ = `${/^[aeiou]/.test(format) ? 'an' : 'a'} ${format} export`;
  ctx.io.stderr.write(
    staged
      ? `Staged wallet "${wallet.name}" from ${export_}; it can sign once a quorum accepts it (airlock config accept).\n`
      : created
        ? `Registered wallet "${wallet.name}" from ${export_}.\n`
        : `Wallet "${wallet.name}" was already registered with the same keys; nothing changed.\n`,
  );
  ctx.io.stdout.write(ctx.json ? `${JSON.stringify(wallet)}\n` : describeWallet(wallet));
}

function listCommand(args: string[], ctx: CliContext): void {
  const { positionals } = parseCommandArgs(args, {}, USAGE);
  if (positionals.length > 0)
    throw badInput('BAD_ARGUMENTS', `wallet list takes no arguments. Usage: ${USAGE}`);
  const wallets = listWallets(ctx.dataDir);
  if (ctx.json) {
    ctx.io.stdout.write(`${JSON.stringify({ wallets })}\n`);
    return;
  }
  if (wallets.length === 0) ctx.io.stderr.write('No wallet is registered yet; see airlock wallet import.\n');
  for (const w of wallets) {
    ctx.io.stdout.write(
      `${w.name}\t${w.threshold}-of-${w.cosigners.length}\t${w.scriptType}\t${w.network}\t${w.owner ?? 'unassigned'}\n`,
    );
  }
}

function showCommand(args: string[], ctx: CliContext): void {
  const { positionals } = parseCommandArgs(args, {}, USAGE);
  if (positionals.length !== 1) throw badInput('BAD_ARGUMENTS', `give one wallet name. Usage: ${USAGE}`);
  const wallet = loadWallet(ctx.dataDir, positionals[0] as string);
  // Without the quorum the seal's copy is the best witness; every signature verifies it with the key.
  const { sealed, differences } = configStatus(ctx.dataDir);
  const about = differences.filter(
    (d) => d.includes(`${wallet.name}.json`) || d.includes(`wallet ${wallet.name}`),
  );
  if (!sealed)
    ctx.io.stderr.write('warning: this configuration is not sealed yet; check it against the coordinator\n');
  for (const d of about) ctx.io.stderr.write(`warning: ${d}; do not trust these addresses\n`);
  ctx.io.stdout.write(ctx.json ? `${JSON.stringify(wallet)}\n` : describeWallet(wallet));
}

/** Customer or company funds: part of the sealed configuration, so a change is staged for the quorum. */
function ownerCommand(args: string[], ctx: CliContext): void {
  const { positionals } = parseCommandArgs(args, {}, USAGE);
  const owner = OwnerClassSchema.safeParse(positionals[1]);
  if (positionals.length !== 2 || !owner.success)
    throw badInput('BAD_ARGUMENTS', `give a wallet name and customer or company. Usage: ${USAGE}`);
  const { wallet, staged } = setOrStageWalletOwner(ctx.dataDir, {
    name: positionals[0] as string,
    owner: owner.data,
  });
  ctx.io.stderr.write(
    staged
      ? `Staged: wallet "${wallet.name}" holds ${owner.data} funds once a quorum accepts it (airlock config accept).\n`
      : `Wallet "${wallet.name}" now holds ${owner.data} funds.\n`,
  );
  if (ctx.json)
    ctx.io.stdout.write(`${JSON.stringify({ wallet: wallet.name, owner: owner.data, staged })}\n`);
}

export const walletCommand: CliCommand = {
  name: 'wallet',
  summary:
    'register a multisig wallet (descriptor, Coldcard/Sparrow/Electrum file, BSMS, Caravan JSON), list, show, set its owner class',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'import':
        return importCommand(rest, ctx);
      case 'list':
        return listCommand(rest, ctx);
      case 'show':
        return showCommand(rest, ctx);
      case 'owner':
        return ownerCommand(rest, ctx);
      default:
        throw badInput('BAD_ARGUMENTS', `unknown wallet subcommand; usage: ${USAGE}`);
    }
  },
};
