/**
 * True when a scanned or pasted text is a run of words, as a key share card (20 or 33 SLIP-39 words) or a
 * seed phrase (12 to 24 BIP-39 words) holds. No PSBT frame or file is: UR, BBQr, base64 and hex have no
 * spaces between letters. Such a text is refused in the page, so a share held to the camera on the wrong
 * screen never crosses to main.
 */
export function holdsSecretWords(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 12 && words.every((word) => /^\p{L}+$/u.test(word));
}
