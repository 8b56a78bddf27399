import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempDir } from '../../helpers/cli';

const SarifSchema = z.object({
  runs: z.array(z.object({ results: z.array(z.object({ ruleId: z.string() })) })),
});
const JustifiedSchema = z.record(z.string().regex(/_CHECK$/), z.string().min(40));

describe('electronegativity over main/', () => {
  it('reports no finding that is not justified in main/electron/electronegativity-justified.json', () => {
    const out = join(tempDir(), 'electronegativity.sarif');
    execFileSync(
      process.execPath,
      ['scripts/electronegativity.cjs', '-i', 'main', '-e', '41.0.0', '-r', '-o', out],
      {
        stdio: 'ignore',
      },
    );
    const findings = SarifSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).runs.flatMap((r) =>
      r.results.map((f) => f.ruleId),
    );
    const justified = JustifiedSchema.parse(
      JSON.parse(readFileSync('main/electron/electronegativity-justified.json', 'utf8')),
    );
    // The scan really ran: the preload is always flagged for review.
    expect(findings).toContain('PRELOAD_JS_CHECK');
    expect(findings.filter((id) => !(id in justified))).toEqual([]);
  });
});
