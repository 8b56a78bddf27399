/**
 * Signatures only is proposed when it needs less than half the frames of the full PSBT: below that the
 * saving is too small to ask the operator about a coordinator that may not accept it.
 */
export function proposesSignaturesOnly({ full, signatures }: { full: number; signatures: number }): boolean {
  return signatures * 2 < full;
}
