import { Bytes, CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { UR, URDecoder, UREncoder } from '@ngraveio/bc-ur';
import { FountainEncoderPart } from '@ngraveio/bc-ur/dist/fountainEncoder.js';
import { badInput } from '../common/errors';
import { assertWellFormedCbor } from './cbor-guard';
import { chooseMixedSeqNums, fountainFragmentIndexes } from './fountain';
import { FountainDecoder } from './fountain-decoder';
import type { QrPayload } from './types';

/** UR types that carry a PSBT as a CBOR byte string. */
export const PSBT_UR_TYPES = ['crypto-psbt', 'psbt'] as const;
export type PsbtUrType = (typeof PSBT_UR_TYPES)[number];

/** Identity of a multi-part UR transfer: parts of another transfer disagree on one of these. */
export interface UrPartInfo {
  type: string;
  seqNum: number;
  seqLength: number;
  messageLength: number;
  checksum: number;
}

/** One scanned UR frame: its header, and its data (a multi-part frame's fragment mix, or a single-part UR's CBOR). */
export interface UrPart extends UrPartInfo {
  multipart: boolean;
  data: Uint8Array;
}

const MULTIPART = /^ur:([a-z0-9-]+)\/(\d+)-(\d+)\/([a-z]+)$/;
const SINGLE = /^ur:([a-z0-9-]+)\/([a-z]+)$/;

/**
 * Reads a UR part's header without the decoder, so a foreign or oversized transfer is refused before
 * any of it is kept. Single-part URs report seqLength 1.
 */
export function readUrPart(text: string): UrPart {
  const lower = text.trim().toLowerCase();
  const single = SINGLE.exec(lower);
  if (single) {
    const body = decodeBytewords(single[2] as string);
    return {
      type: single[1] as string,
      seqNum: 1,
      seqLength: 1,
      messageLength: body.length,
      checksum: 0,
      multipart: false,
      data: body,
    };
  }
  const multi = MULTIPART.exec(lower);
  if (!multi) throw badInput('QR_CORRUPT', 'this UR frame is not well formed');
  const cbor = decodeBytewords(multi[4] as string);
  assertWellFormedCbor(cbor);
  let part: FountainEncoderPart;
  try {
    part = FountainEncoderPart.fromCBOR(Buffer.from(cbor));
  } catch {
    throw badInput('QR_CORRUPT', 'this UR frame is not a fountain-code part');
  }
  if (part.seqNum !== Number(multi[2]) || part.seqLength !== Number(multi[3])) {
    throw badInput('QR_CORRUPT', 'this UR frame disagrees with its own sequence number');
  }
  return {
    type: multi[1] as string,
    seqNum: part.seqNum,
    seqLength: part.seqLength,
    messageLength: part.messageLength,
    checksum: part.checksum,
    multipart: true,
    data: new Uint8Array(part.fragment),
  };
}

function decodeBytewords(words: string): Uint8Array {
  try {
    // Decoding as a single-part UR checks the bytewords' CRC32 through the package's public API.
    // (A default import of its bytewords module breaks under Node's own ESM loader.)
    return new Uint8Array(URDecoder.decode(`ur:bytes/${words}`).cbor);
  } catch {
    throw badInput('QR_CORRUPT', 'this UR frame failed its checksum');
  }
}

/** The payload inside a completed UR, by type. */
export function payloadFromUr(type: string, cborBytes: Uint8Array): QrPayload {
  assertWellFormedCbor(cborBytes);
  const cbor = Buffer.from(cborBytes);
  try {
    if ((PSBT_UR_TYPES as readonly string[]).includes(type)) {
      return { kind: 'psbt', bytes: new Uint8Array(CryptoPSBT.fromCBOR(cbor).getPSBT()), urType: type };
    }
    if (type === 'bytes')
      return { kind: 'bytes', bytes: new Uint8Array(Bytes.fromCBOR(cbor).getData()), urType: type };
  } catch {
    throw badInput('QR_CORRUPT', `the ${type} payload is not a CBOR byte string`);
  }
  return { kind: 'cbor', bytes: new Uint8Array(cbor), urType: type };
}

/**
 * One UR transfer being received. Parts are parsed by the reference implementation (bytewords, CBOR)
 * and their fragments chosen as it does, but solved by our own fountain decoder, which completes as
 * soon as the parts received hold the message.
 */
export class UrSession {
  readonly identity: UrPartInfo;
  private readonly seen = new Set<number>();
  private readonly decoder: FountainDecoder | null;
  private single: Uint8Array | null = null;

  /** Throws QR_TOO_LARGE or QR_CORRUPT, before allocating, for a transfer over `maxBytes` or inconsistent. */
  constructor(first: UrPart, maxBytes: number) {
    const { type, seqNum, seqLength, messageLength, checksum } = first;
    this.identity = { type, seqNum, seqLength, messageLength, checksum };
    this.decoder = first.multipart
      ? new FountainDecoder(
          { seqLength, messageLength, checksum, fragmentLength: first.data.length },
          maxBytes,
        )
      : null;
  }

  /** Feeds one part of this transfer; false when it was a duplicate. */
  receive(part: UrPart): boolean {
    if (!this.decoder) {
      if (part.multipart) throw badInput('QR_MIXED_SESSION', 'a UR part appeared after a single-part UR');
      this.single = part.data;
      return true;
    }
    if (!part.multipart)
      throw badInput('QR_MIXED_SESSION', 'a single-part UR appeared in a multi-part transfer');
    if (part.data.length !== this.decoder.transfer.fragmentLength)
      throw badInput('QR_MIXED_SESSION', 'this UR frame’s fragment length differs from the transfer’s');
    if (this.seen.has(part.seqNum)) return false;
    const { seqLength, checksum } = this.identity;
    this.decoder.receive(fountainFragmentIndexes(part.seqNum, seqLength, checksum), part.data);
    this.seen.add(part.seqNum);
    return true;
  }

  get partsSeen(): number {
    return this.decoder ? this.seen.size : this.single ? 1 : 0;
  }

  /** Parts needed: those seen plus the fragments' worth of information still missing (exact, not a guess). */
  get partsNeeded(): number {
    if (!this.decoder) return 1;
    return this.seen.size + this.identity.seqLength - this.decoder.rank;
  }

  /** Stretches of the message known since the last call (FountainDecoder.takeKnownStretches). */
  takeKnownStretches(overlap: number): Uint8Array[] {
    return this.decoder?.takeKnownStretches(overlap) ?? [];
  }

  /** The UR's CBOR once the transfer is complete and its checksum verified, else null. */
  result(): { type: string; cbor: Uint8Array } | null {
    const cbor = this.decoder ? this.decoder.result() : this.single;
    return cbor ? { type: this.identity.type, cbor } : null;
  }
}

export interface UrEncodeOptions {
  bytes: Uint8Array;
  urType?: PsbtUrType;
  maxFragmentLength?: number;
  /** Fountain parts to emit beyond the pure fragments, as a share of them (0.5 = 50% more). */
  redundancy?: number;
}

/** Largest sequence number the encoder shows; frame sizes are computed for it. */
export const MAX_UR_SEQ_NUM = 0xffff;

/**
 * UR frames of a PSBT: the pure fragments, then chosen fountain parts so a looping display survives
 * lost frames. Upper case, so the QR uses its denser alphanumeric mode.
 */
export function encodePsbtUr({
  bytes,
  urType = 'crypto-psbt',
  maxFragmentLength = 200,
  redundancy = 1,
}: UrEncodeOptions): string[] {
  const cbor = new CryptoPSBT(Buffer.from(bytes)).toCBOR();
  const encoder = new UREncoder(new UR(cbor, urType), maxFragmentLength);
  if (encoder.fragmentsLength === 1) return [encoder.nextPart().toUpperCase()];
  // The reference encoder's first part carries the transfer's identity (checksum, lengths).
  const { seqLength, messageLength, checksum } = readUrPart(encoder.nextPart());
  const fragments = encoder.fragments;
  const mixed = chooseMixedSeqNums(seqLength, checksum, Math.ceil(seqLength * redundancy), MAX_UR_SEQ_NUM);
  const seqNums = [...Array.from({ length: seqLength }, (_, i) => i + 1), ...mixed];
  return seqNums.map((seqNum) => {
    const fragment = Buffer.alloc(fragments[0]?.length ?? 0);
    for (const index of fountainFragmentIndexes(seqNum, seqLength, checksum)) {
      const source = fragments[index] as Buffer;
      for (let i = 0; i < fragment.length; i++) fragment[i] = (fragment[i] as number) ^ (source[i] as number);
    }
    const part = new FountainEncoderPart(seqNum, seqLength, messageLength, checksum, fragment);
    // A single-part UR of the part's CBOR has exactly the bytewords body (with CRC) a multi-part frame uses.
    const body = UREncoder.encodeSinglePart(new UR(part.cbor(), 'bytes')).slice('ur:bytes/'.length);
    return `ur:${urType}/${seqNum}-${seqLength}/${body}`.toUpperCase();
  });
}
