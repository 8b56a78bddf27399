import { APPROVER_KDF, type ApproverKdf, pinKey } from '../src/policy/approvers';

/** Time per guess of the approver KDF, the cost an offline search of a copied approvers.json pays. */
export default function approverKdf(): void {
  const salt = new Uint8Array(16);
  for (const logN of [15, 16, APPROVER_KDF.logN, 18]) {
    const kdf: ApproverKdf = { ...APPROVER_KDF, logN };
    let fastest = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      pinKey('tulip anchor 482913', salt, kdf).fill(0);
      fastest = Math.min(fastest, performance.now() - start);
    }
    const chosen = logN === APPROVER_KDF.logN ? ' (the chosen cost)' : '';
    console.log(
      `approver-kdf: scrypt N=2^${logN} r=${kdf.r} p=${kdf.p}: ${fastest.toFixed(0)} ms per try${chosen}`,
    );
  }
}
