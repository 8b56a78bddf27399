import { z } from 'zod';
import { badInput } from '../../common/errors';
import { enrollApprover, unlockApprover } from '../../policy/approvers';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';
import { readSecretTextFile } from '../inputs';

const USAGE = [
  'airlock approver enroll NAME --pin-file F',
  '       airlock approver unlock NAME --by NAME --approvals-file F',
].join('\n');

const ProofFileSchema = z.strictObject({
  approvals: z.array(z.strictObject({ name: z.string(), pin: z.string(), code: z.string() })),
});

export const approverCommand: CliCommand = {
  name: 'approver',
  summary: 'enrol an approver (PIN and authenticator app), or unlock a locked one',
  usage: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseCommandArgs(
      rest,
      { 'pin-file': { type: 'string' }, by: { type: 'string' }, 'approvals-file': { type: 'string' } },
      USAGE,
    );
    const name = positionals[0];
    if (!name || positionals.length > 1)
      throw badInput('BAD_ARGUMENTS', `give one approver name. Usage: ${USAGE}`);
    if (sub === 'enroll') {
      if (!values['pin-file'])
        throw badInput(
          'BAD_ARGUMENTS',
          `the PIN is read from --pin-file, never from arguments. Usage: ${USAGE}`,
        );
      const pin = readSecretTextFile(ctx, values['pin-file'], 'PIN file').trim();
      const { uri } = enrollApprover(ctx.dataDir, { name, pin });
      ctx.io.stderr.write(`add this to ${name}'s authenticator app now; it is shown only once\n`);
      ctx.io.stdout.write(`${uri}\n`);
      return;
    }
    if (sub === 'unlock') {
      if (!values.by || !values['approvals-file']) throw badInput('BAD_ARGUMENTS', `Usage: ${USAGE}`);
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(readSecretTextFile(ctx, values['approvals-file'], 'approvals file'));
      } catch {
        parsed = null;
      }
      const proofs = ProofFileSchema.safeParse(parsed);
      const by = proofs.success ? proofs.data.approvals.find((p) => p.name === values.by) : undefined;
      if (!by)
        throw badInput('APPROVALS_FILE_INVALID', `the approvals file has no PIN and code for ${values.by}`);
      unlockApprover(ctx.dataDir, { name, by });
      ctx.io.stdout.write(`${name} is unlocked\n`);
      return;
    }
    throw badInput('BAD_ARGUMENTS', `unknown approver subcommand. Usage: ${USAGE}`);
  },
};
