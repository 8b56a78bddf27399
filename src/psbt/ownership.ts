import { bytesEqual } from '../common/bytes';
import { WalletDeriver, type WalletScript } from '../wallet/derive';
import type { Chain, Wallet } from '../wallet/types';

/** A BIP-32 derivation entry, as bitcoinjs-lib exposes it. */
export interface Derivation {
  masterFingerprint: Uint8Array;
  pubkey: Uint8Array;
  path: string;
}

/** A derivation entry that places a key under one of the wallet's cosigner accounts at /chain/index. */
export interface KeyClaim {
  cosigner: number;
  chain: Chain;
  index: number;
  pubkey: Uint8Array;
}

/** Decides which inputs and outputs belong to the wallet by re-deriving its scripts (DESIGN §4). */
export class WalletMatcher {
  readonly deriver: WalletDeriver;
  /** Per cosigner, where its keys sit under its master; null for a key of unknown origin, which claims nothing. */
  private readonly prefixes: Array<{ fingerprint: string; prefix: string } | null>;

  /** `deriver` may hold scripts derived ahead (WalletDeriver.prefetch); it must be this wallet's. */
  constructor(
    readonly wallet: Wallet,
    deriver: WalletDeriver = new WalletDeriver(wallet),
  ) {
    if (deriver.wallet !== wallet) throw new Error('the deriver belongs to another wallet');
    this.deriver = deriver;
    this.prefixes = wallet.cosigners.map((c) =>
      c.fingerprint !== null && c.path !== null ? { fingerprint: c.fingerprint, prefix: `${c.path}/` } : null,
    );
  }

  /** The derivation entries claiming one of our cosigners' fingerprints (path not checked). */
  claimsOurFingerprint(derivations: Derivation[] | undefined): boolean {
    return (derivations ?? []).some((d) => {
      const fingerprint = Buffer.from(d.masterFingerprint).toString('hex');
      return this.prefixes.some((p) => p?.fingerprint === fingerprint);
    });
  }

  claims(derivations: Derivation[] | undefined): KeyClaim[] {
    const result: KeyClaim[] = [];
    for (const d of derivations ?? []) {
      const fingerprint = Buffer.from(d.masterFingerprint).toString('hex');
      for (const [cosigner, p] of this.prefixes.entries()) {
        if (!p || p.fingerprint !== fingerprint || !d.path.startsWith(p.prefix)) continue;
        const rest = d.path.slice(p.prefix.length).split('/');
        if (rest.length !== 2 || !rest.every((step) => /^\d{1,10}$/.test(step))) continue;
        const chain = Number(rest[0]);
        const index = Number(rest[1]);
        if ((chain !== 0 && chain !== 1) || index > 0x7fffffff) continue;
        result.push({ cosigner, chain, index, pubkey: d.pubkey });
      }
    }
    return result;
  }

  private scriptsFor(claims: KeyClaim[]): Array<{ script: WalletScript; claims: KeyClaim[] }> {
    const byPath = new Map<string, KeyClaim[]>();
    for (const claim of claims) {
      const key = `${claim.chain}/${claim.index}`;
      byPath.set(key, [...(byPath.get(key) ?? []), claim]);
    }
    return [...byPath.values()].map((group) => {
      const script = this.deriver.script(group[0]!.chain, group[0]!.index);
      // A claim only counts when its key really is in the script derived at that path.
      return { script, claims: group.filter((c) => script.pubkeys.some((k) => bytesEqual(k, c.pubkey))) };
    });
  }

  /**
   * The wallet script an input spends: its claimed path re-derives to the coin's script, and to the
   * witness and redeem scripts the PSBT gives (when it gives them). null when not ours.
   */
  matchInput(input: {
    derivations: Derivation[] | undefined;
    prevoutScript: Uint8Array | null;
    witnessScript?: Uint8Array;
    redeemScript?: Uint8Array;
  }): { script: WalletScript; claims: KeyClaim[] } | null {
    if (!input.prevoutScript) return null;
    for (const candidate of this.scriptsFor(this.claims(input.derivations))) {
      const { script } = candidate;
      if (candidate.claims.length === 0 || !bytesEqual(script.outputScript, input.prevoutScript)) continue;
      if (
        input.witnessScript &&
        !(script.witnessScript && bytesEqual(script.witnessScript, input.witnessScript))
      )
        continue;
      if (input.redeemScript && !(script.redeemScript && bytesEqual(script.redeemScript, input.redeemScript)))
        continue;
      return candidate;
    }
    return null;
  }

  /** The wallet script an output pays to, when its claimed path re-derives to exactly its script. */
  matchOutput(outputScript: Uint8Array, derivations: Derivation[] | undefined): WalletScript | null {
    for (const candidate of this.scriptsFor(this.claims(derivations))) {
      if (candidate.claims.length > 0 && bytesEqual(candidate.script.outputScript, outputScript))
        return candidate.script;
    }
    return null;
  }
}
