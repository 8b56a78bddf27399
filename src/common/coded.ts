import { z } from 'zod';

/** A typed finding: a stable code and its parameters, worded by whoever shows it. */
export const coded = <C extends string, P extends z.ZodRawShape>(code: C, params: P) =>
  z.strictObject({ code: z.literal(code), params: z.strictObject(params) });
