import { z } from 'zod';
import { toHex, wipe } from '../../common/bytes';
import { badInput, refused } from '../../common/errors';
import { diceRollsForFullEntropy, generateMasterSecret } from '../../keys/entropy';
import { SHARE_ITERATION_EXPONENT } from '../../keys/partitioned-key';
import { renderShareCardHtml } from '../../keys/share-card';
import { combineDecodedShares, splitMasterSecret } from '../../keys/slip39';
import type { Slip39Share } from '../../keys/slip39-share';
import { parseCommandArgs } from '../args';
import type { CliCommand, CliContext } from '../context';
import { readLimitedFile, readSecretTextFile } from '../inputs';
import { readShareFile } from '../key-source';
import { airgapGuardOf } from './airgap';

const USAGE = [
  'airlock shares split (--threshold K --shares N | --groups G:K/N,K/N,...)',
  '                     (--entropy-file F|- | --random [--bits 128|256] [--dice-file F])',
  '                     [--passphrase-file F] [--iteration-exponent E]',
  '       airlock shares combine --share-file F [--share-file F ...] [--passphrase-file F]',
  '       airlock shares card --share-file F --of N --fingerprint FP [--title T]   (printable HTML on standard output)',
].join('\n');

/** `--groups 2:2/3,3/5,1/1`: any 2 of these 3 groups, each rebuilt from K of its N shares. */
const GroupsSchema = z
  .string()
  .regex(/^\d{1,2}:\d{1,2}\/\d{1,2}(,\d{1,2}\/\d{1,2})*$/)
  .transform((text) => {
    const [groupThreshold, list] = text.split(':') as [string, string];
    const groups = list.split(',').map((group) => {
      const [threshold, count] = group.split('/').map(Number) as [number, number];
      return { threshold, count };
    });
    return { groupThreshold: Number(groupThreshold), groups };
  });

const SplitSchema = z.object({
  threshold: z.coerce.number().int().min(1).max(16).optional(),
  shares: z.coerce.number().int().min(1).max(16).optional(),
  groups: GroupsSchema.optional(),
  bits: z.union([z.literal('128'), z.literal('256')]).default('128'),
  'iteration-exponent': z.coerce.number().int().min(0).max(15).default(SHARE_ITERATION_EXPONENT),
});

function passphraseOf(values: { 'passphrase-file'?: string }, ctx: CliContext): string {
  const file = values['passphrase-file'];
  return file ? readSecretTextFile(ctx, file, 'passphrase file').replace(/\r?\n$/, '') : '';
}

async function split(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      threshold: { type: 'string' },
      shares: { type: 'string' },
      groups: { type: 'string' },
      'entropy-file': { type: 'string' },
      // Only so it can be refused with a reason instead of "unknown option".
      'entropy-hex': { type: 'string' },
      random: { type: 'boolean' },
      bits: { type: 'string' },
      'dice-file': { type: 'string' },
      'passphrase-file': { type: 'string' },
      'iteration-exponent': { type: 'string' },
    },
    USAGE,
  );
  if (positionals.length > 0) throw badInput('BAD_ARGUMENTS', `unexpected argument. Usage: ${USAGE}`);
  if (values['entropy-hex'] !== undefined) {
    throw refused(
      'SECRET_ON_COMMAND_LINE',
      '--entropy-hex is refused: a secret on the command line is visible to every process on this machine and stays in the shell history. Put the hex in a file and give --entropy-file F, or pipe it with --entropy-file -',
    );
  }
  const parsed = SplitSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput('BAD_ARGUMENTS', `--${String(issue?.path[0] ?? 'options')} is invalid. Usage: ${USAGE}`);
  }
  const { threshold, shares, groups, bits } = parsed.data;
  const singleGroup = threshold !== undefined || shares !== undefined;
  if (singleGroup === (groups !== undefined)) {
    throw badInput('BAD_ARGUMENTS', `give --threshold and --shares, or --groups. Usage: ${USAGE}`);
  }
  const plan = groups ?? { groupThreshold: 1, groups: [{ threshold: threshold ?? 0, count: shares ?? 0 }] };
  const entropyFile = values['entropy-file'];
  if (Boolean(entropyFile) === Boolean(values.random)) {
    throw badInput('BAD_ARGUMENTS', `give exactly one of --entropy-file or --random. Usage: ${USAGE}`);
  }
  // Keys are made, and secrets printed, only on an isolated machine (or under a sealed override).
  airgapGuardOf(ctx).assertKeyCreationAllowed();
  let secret: Uint8Array;
  if (entropyFile) {
    secret = await readEntropy(ctx, entropyFile);
  } else {
    const bitCount = Number(bits) as 128 | 256;
    const dice = values['dice-file'] ? readSecretTextFile(ctx, values['dice-file'], 'dice file') : '';
    const needed = diceRollsForFullEntropy(bitCount);
    const rolls = dice.replace(/\s+/g, '').length;
    if (values['dice-file'] && rolls < needed) {
      ctx.io.stderr.write(
        `note: ${rolls} dice rolls mixed in; ${needed} would carry ${bitCount} bits on their own\n`,
      );
    }
    secret = generateMasterSecret({ bits: bitCount, diceRolls: dice });
  }
  try {
    const byGroup = splitMasterSecret({
      masterSecret: secret,
      groupThreshold: plan.groupThreshold,
      groups: plan.groups,
      passphrase: passphraseOf(values, ctx),
      iterationExponent: parsed.data['iteration-exponent'],
    });
    ctx.io.stderr.write(`${describePlan(plan)}; give each share to a different officer\n`);
    ctx.io.stdout.write(
      ctx.json ? `${JSON.stringify(splitJson(plan, byGroup))}\n` : `${byGroup.flat().join('\n')}\n`,
    );
  } finally {
    wipe(secret);
  }
}

/** A master secret file (or standard input) holds 16 or 32 bytes in hex; the text never becomes a string. */
const MAX_ENTROPY_FILE_BYTES = 256;

async function readEntropy(ctx: CliContext, file: string): Promise<Uint8Array> {
  const text =
    file === '-'
      ? await ctx.io.readStdin()
      : readLimitedFile(ctx, file, MAX_ENTROPY_FILE_BYTES, 'entropy file');
  try {
    if (text.length > MAX_ENTROPY_FILE_BYTES) throw badInput('FILE_TOO_LARGE', 'the entropy is too long');
    return hexBytesToSecret(text);
  } finally {
    wipe(text);
  }
}

/** ASCII hex (surrounding whitespace allowed) straight to bytes, so no unwipeable string holds the secret. */
function hexBytesToSecret(text: Uint8Array): Uint8Array {
  const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start]!)) start++;
  while (end > start && isSpace(text[end - 1]!)) end--;
  const nibble = (c: number): number => {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
    return -1;
  };
  const length = end - start;
  const secret = new Uint8Array(length >> 1);
  for (let i = 0; i < secret.length; i++) {
    const high = nibble(text[start + 2 * i]!);
    const low = nibble(text[start + 2 * i + 1]!);
    if (high < 0 || low < 0) {
      wipe(secret);
      throw badInput('SECRET_INVALID', 'the entropy is not hexadecimal');
    }
    secret[i] = (high << 4) | low;
  }
  if (length % 2 !== 0 || length === 0) {
    wipe(secret);
    throw badInput('SECRET_INVALID', 'the entropy is not an even number of hex digits');
  }
  return secret;
}

type SplitPlan = z.infer<typeof GroupsSchema>;

function describePlan(plan: SplitPlan): string {
  const [only] = plan.groups;
  if (plan.groups.length === 1 && only) return `${only.count} shares, any ${only.threshold} rebuild the key`;
  const groups = plan.groups.map((g, i) => `group ${i + 1}: ${g.threshold} of ${g.count}`).join(', ');
  return `${plan.groups.length} groups (${groups}), any ${plan.groupThreshold} groups rebuild the key`;
}

/** Single group keeps the flat `{threshold, shares}` shape; groups list their shares apart. */
function splitJson(plan: SplitPlan, byGroup: string[][]) {
  const [only] = plan.groups;
  if (plan.groups.length === 1 && only) return { threshold: only.threshold, shares: byGroup[0] ?? [] };
  return {
    groupThreshold: plan.groupThreshold,
    groups: plan.groups.map((g, i) => ({ threshold: g.threshold, shares: byGroup[i] ?? [] })),
  };
}

async function combine(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    { 'share-file': { type: 'string', multiple: true }, 'passphrase-file': { type: 'string' } },
    USAGE,
  );
  if (positionals.length > 0) throw badInput('BAD_ARGUMENTS', `unexpected argument. Usage: ${USAGE}`);
  const files = values['share-file'] ?? [];
  if (files.length === 0) throw badInput('BAD_ARGUMENTS', `give at least one --share-file. Usage: ${USAGE}`);
  airgapGuardOf(ctx).assertSecretOutputAllowed();
  const shares: Slip39Share[] = [];
  let secret: Uint8Array;
  try {
    for (const file of files) shares.push(readShareFile(ctx, file));
    secret = combineDecodedShares(shares, passphraseOf(values, ctx));
  } finally {
    wipe(...shares.map((s) => s.value));
  }
  try {
    const hex = toHex(secret);
    ctx.io.stdout.write(ctx.json ? `${JSON.stringify({ masterSecret: hex })}\n` : `${hex}\n`);
  } finally {
    wipe(secret);
  }
}

/** A printable card (HTML with print CSS) for one share, on standard output only: never saved by Airlock. */
async function card(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      'share-file': { type: 'string' },
      of: { type: 'string' },
      fingerprint: { type: 'string' },
      title: { type: 'string' },
    },
    USAGE,
  );
  const shareCount = Number(values.of);
  if (
    positionals.length > 0 ||
    !values['share-file'] ||
    !Number.isInteger(shareCount) ||
    shareCount < 1 ||
    shareCount > 16
  ) {
    throw badInput('BAD_ARGUMENTS', `give --share-file F and --of N (shares in the set). Usage: ${USAGE}`);
  }
  const fingerprint = values.fingerprint ?? '';
  if (!/^[0-9a-f]{8}$/.test(fingerprint)) {
    throw badInput(
      'BAD_ARGUMENTS',
      '--fingerprint is the key fingerprint (8 hex digits, as `xpub export` prints it)',
    );
  }
  const share = readSecretTextFile(ctx, values['share-file'], 'share file');
  const html = await renderShareCardHtml({
    share,
    shareCount,
    walletFingerprint: fingerprint,
    title: values.title,
  });
  ctx.io.stdout.write(html);
}

export const sharesCommand: CliCommand = {
  name: 'shares',
  summary: 'split a new partitioned key into SLIP-39 shares, or combine shares',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'split') return split(rest, ctx);
    if (sub === 'combine') return combine(rest, ctx);
    if (sub === 'card') return card(rest, ctx);
    throw badInput('BAD_ARGUMENTS', `unknown shares subcommand. Usage: ${USAGE}`);
  },
};
