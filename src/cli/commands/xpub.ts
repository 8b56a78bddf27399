import { z } from 'zod';
import { wipe } from '../../common/bytes';
import { badInput } from '../../common/errors';
import { NETWORK_NAMES } from '../../common/network';
import { accountXpub } from '../../keys/hd';
import { formatCosignerKey } from '../../qr/account';
import { COSIGNER_KEY_FORMATS } from '../../qr/key-formats';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';
import { KEY_SOURCE_OPTIONS, loadSigningSeed } from '../key-source';

const USAGE =
  'airlock xpub export (--mnemonic-file F [--passphrase-file F] | --share-file F ...) --script p2wsh|p2sh-p2wsh [--account N] [--network NET] [--format text|ur|ur-account-descriptor]';

const ExportOptionsSchema = z.object({
  script: z.enum(['p2wsh', 'p2sh-p2wsh'], { error: '--script must be p2wsh or p2sh-p2wsh' }),
  account: z.coerce
    .number({ error: '--account must be a number' })
    .int('--account must be a whole number')
    .min(0, '--account must not be negative')
    .max(0x7fffffff, '--account is too large')
    .default(0),
  network: z
    .enum(NETWORK_NAMES, { error: '--network must be mainnet, testnet, signet or regtest' })
    .default('mainnet'),
  format: z
    .enum(COSIGNER_KEY_FORMATS, {
      error: '--format must be text, ur (ur:crypto-account) or ur-account-descriptor',
    })
    .default('text'),
});

export const xpubCommand: CliCommand = {
  name: 'xpub',
  summary: "export this cosigner's BIP-48 account key for a coordinator",
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub !== 'export') throw badInput('BAD_ARGUMENTS', `unknown xpub subcommand. Usage: ${USAGE}`);
    const { values, positionals } = parseCommandArgs(
      rest,
      {
        ...KEY_SOURCE_OPTIONS,
        script: { type: 'string' },
        account: { type: 'string' },
        network: { type: 'string' },
        format: { type: 'string' },
      },
      USAGE,
    );
    if (positionals.length > 0) throw badInput('BAD_ARGUMENTS', `unexpected argument. Usage: ${USAGE}`);
    const parsed = ExportOptionsSchema.safeParse(values);
    if (!parsed.success) {
      throw badInput(
        'BAD_ARGUMENTS',
        `${parsed.error.issues[0]?.message ?? 'invalid options'}. Usage: ${USAGE}`,
      );
    }
    const { script, account, network, format } = parsed.data;
    const seed = await loadSigningSeed(values, ctx);
    let key: ReturnType<typeof accountXpub>;
    try {
      key = accountXpub({ seed, scriptType: script, network, account });
    } finally {
      wipe(seed);
    }
    const text = formatCosignerKey({ key: { ...key, scriptType: script }, network, format });
    ctx.io.stdout.write(ctx.json ? `${JSON.stringify({ ...key, key: text })}\n` : `${text}\n`);
  },
};
