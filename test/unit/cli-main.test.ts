import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('airlock CLI entry', () => {
  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: airlock');
  });

  it('rejects an unknown command as bad input with a JSON error', async () => {
    const result = await runCli(['--json', 'frobnicate']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: 'UNKNOWN_COMMAND', message: expect.stringContaining('frobnicate') },
    });
    expect(result.stderr).not.toContain('    at ');
  });
});
