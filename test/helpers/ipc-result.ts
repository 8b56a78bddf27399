/** The value of an IPC result, or a test failure naming the refusal. */
export async function value<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>,
) {
  const settled = await result;
  if (!settled.ok) throw new Error(`unexpected refusal ${settled.error.code}`);
  return settled.value;
}

/** The error code of an IPC result, or 'ok'. */
export async function errorCode(result: Promise<{ ok: boolean; error?: { code: string } }>) {
  const settled = await result;
  return settled.ok ? 'ok' : settled.error?.code;
}
