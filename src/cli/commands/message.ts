import { badInput } from '../../common/errors';
import { NetworkNameSchema } from '../../common/network';
import { prepareMessage, simpleSignature, verifySimpleSignature } from '../../psbt/bip322';
import { addressNetworks, addressOfInput, addressScript, requireAddress } from '../../wallet/address-search';
import { parseCommandArgs } from '../args';
import type { CliCommand, CliContext } from '../context';
import { checkOutNotInput, readPsbtArgument, writeResult } from '../inputs';
import { readMessageFile } from '../message-file';
import { chooseWallet } from '../wallet-choice';

const USAGE = [
  'airlock message prepare --wallet NAME --address ADDR --message-file F [--range N] [--out FILE]',
  '       airlock message signature <FINALIZED-PSBT>       the simple-form signature (base64 witness)',
  '       airlock message verify --address ADDR --message-file F --signature SIG [--network NET]',
].join('\n');

async function prepare(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      wallet: { type: 'string' },
      address: { type: 'string' },
      'message-file': { type: 'string' },
      range: { type: 'string' },
      out: { type: 'string' },
    },
    USAGE,
  );
  if (positionals.length > 0 || !values.address)
    throw badInput('BAD_ARGUMENTS', `give --address and --message-file. Usage: ${USAGE}`);
  checkOutNotInput(ctx, values.out, [values['message-file']]);
  const message = readMessageFile(ctx, values['message-file']);
  const wallet = chooseWallet(ctx.dataDir, values.wallet);
  const range = values.range === undefined ? undefined : Number(values.range);
  const match = requireAddress({ input: values.address, wallets: [wallet], range });
  writeResult(ctx, prepareMessage({ wallet, match, message }).toBase64(), values.out);
  ctx.io.stderr.write(
    `unsigned BIP-322 message for ${match.branch} address ${match.index} of wallet ${wallet.name}; nothing is paid\n`,
  );
}

async function signature(args: string[], ctx: CliContext): Promise<void> {
  const { positionals } = parseCommandArgs(args, {}, USAGE);
  if (positionals.length !== 1) throw badInput('BAD_ARGUMENTS', `give one finalized PSBT. Usage: ${USAGE}`);
  const { psbt } = await readPsbtArgument(ctx, positionals[0]);
  ctx.io.stdout.write(`${simpleSignature(psbt)}\n`);
}

function verify(args: string[], ctx: CliContext): void {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      address: { type: 'string' },
      'message-file': { type: 'string' },
      signature: { type: 'string' },
      network: { type: 'string' },
    },
    USAGE,
  );
  if (positionals.length > 0 || !values.address || !values.signature)
    throw badInput('BAD_ARGUMENTS', `give --address, --message-file and --signature. Usage: ${USAGE}`);
  const address = addressOfInput(values.address);
  // Without --network, the address's own format says which network it is of.
  const network = NetworkNameSchema.safeParse(values.network ?? addressNetworks(address)[0] ?? 'mainnet');
  if (!network.success)
    throw badInput('BAD_ARGUMENTS', '--network must be mainnet, testnet, signet or regtest');
  const script = addressScript(address, network.data);
  const message = readMessageFile(ctx, values['message-file']);
  verifySimpleSignature({ script, message, signature: values.signature });
  ctx.io.stdout.write(
    ctx.json
      ? `${JSON.stringify({ valid: true, address, message })}\n`
      : `valid BIP-322 signature by ${address}\n`,
  );
}

export const messageCommand: CliCommand = {
  name: 'message',
  summary: 'BIP-322 message signing for a wallet address: prepare the PSBT, take the signature, verify',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'prepare') return prepare(rest, ctx);
    if (sub === 'signature') return signature(rest, ctx);
    if (sub === 'verify') return verify(rest, ctx);
    throw badInput('BAD_ARGUMENTS', `unknown message subcommand; usage: ${USAGE}`);
  },
};
