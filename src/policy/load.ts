import { readFileSync } from 'node:fs';
import { badInput } from '../common/errors';
import { jsonValueOffsets, lineAndColumn } from './json-positions';
import { type Policy, PolicySchema } from './schema';

const MAX_POLICY_BYTES = 256 * 1024;

/** Parses a policy file's text; every error names the line and column it is about. */
export function parsePolicy(text: string, source = 'policy'): Policy {
  if (text.length > MAX_POLICY_BYTES) throw badInput('POLICY_INVALID', `${source} is too large`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const where = position ? lineAndColumn(text, Number(position)) : undefined;
    throw badInput(
      'POLICY_INVALID',
      `${source}${where ? `:${where.line}:${where.column}` : ''}: not valid JSON`,
    );
  }
  const result = PolicySchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const offsets = jsonValueOffsets(text);
  // The deepest path that exists in the text (a missing key is reported at its parent object).
  let path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
  while (path.length > 0 && !offsets.has(JSON.stringify(path))) path = path.slice(0, -1);
  const { line, column } = lineAndColumn(text, offsets.get(JSON.stringify(path)) ?? 0);
  const field = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  throw badInput('POLICY_INVALID', `${source}:${line}:${column}: ${issue?.message ?? 'invalid'}${field}`);
}

export function loadPolicyFile(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw badInput('FILE_UNREADABLE', `cannot read the policy file ${path}`);
  }
  return parsePolicy(text, path);
}
