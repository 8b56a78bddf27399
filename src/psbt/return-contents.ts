/** What goes back to the coordinator: the whole signed PSBT, or only what this signing added. */
export const RETURN_CONTENTS = ['full', 'signatures'] as const;
export type ReturnContents = (typeof RETURN_CONTENTS)[number];
