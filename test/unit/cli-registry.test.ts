import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/registry';

describe('the command registry', () => {
  it('lists each command under the name and summary its own module gives', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
    }
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });
});
