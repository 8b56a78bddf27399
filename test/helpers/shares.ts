import { shareWordIndices } from '../../src/keys/slip39-share';

/** A share's words as the word indices the app sends (the renderer turns typed words into these). */
export function shareIndices(share: string): Uint16Array {
  return Uint16Array.from(shareWordIndices(share));
}
