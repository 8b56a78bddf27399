import { z } from 'zod';
import {
  enrolOrStageApprover,
  stageApproverRemoval,
  unlockOrStageApprover,
} from '../../ceremony/approver-changes';
import { badInput } from '../../common/errors';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../context';
import { readSecretTextFile } from '../inputs';

const USAGE = [
  'airlock approver enroll NAME --pin-file F',
  '       airlock approver unlock NAME --by NAME --approvals-file F',
  '       airlock approver remove NAME',
  '  Once the configuration is sealed, each is staged until a quorum accepts it (airlock config accept).',
].join('\n');

const ProofFileSchema = z.strictObject({
  approvals: z.array(z.strictObject({ name: z.string(), pin: z.string(), code: z.string() })),
});

export const approverCommand: CliCommand = {
  name: 'approver',
  summary: 'enrol an approver (PIN and authenticator app), unlock a locked one, or remove one',
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
      const { uri, staged } = enrolOrStageApprover(ctx.dataDir, { name, pin });
      ctx.io.stderr.write(`add this to ${name}'s authenticator app now; it is shown only once\n`);
      if (staged) ctx.io.stderr.write(`${name} counts once a quorum accepts the enrolment\n`);
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
      const { staged } = unlockOrStageApprover(ctx.dataDir, { name, by });
      ctx.io.stdout.write(
        staged
          ? `${name}'s unlock is staged; it applies once a quorum accepts it\n`
          : `${name} is unlocked\n`,
      );
      return;
    }
    if (sub === 'remove') {
      stageApproverRemoval(ctx.dataDir, name);
      ctx.io.stdout.write(`${name}'s removal is staged; it applies once a quorum accepts it\n`);
      return;
    }
    throw badInput('BAD_ARGUMENTS', `unknown approver subcommand. Usage: ${USAGE}`);
  },
};
