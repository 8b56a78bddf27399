import type { CliCommand } from './context';

/** A top-level command as help lists it; its module is imported only when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

/**
 * Every top-level command, in help order. Each command lives in its own file under commands/ and is
 * loaded on use, so `airlock --help` and each command pay only for their own code (the bundle splits
 * there). Add one entry here; test/unit/cli-registry.test.ts checks name and summary match the command's.
 */
export const COMMANDS: CommandEntry[] = [
  {
    name: 'wallet',
    summary:
      'register a multisig wallet (descriptor, Coldcard/Sparrow/Electrum file, BSMS, Caravan JSON), list, show, set its owner class',
    load: async () => (await import('./commands/wallet')).walletCommand,
  },
  {
    name: 'inspect',
    summary: 'review a PSBT against a registered wallet (--json: the ReviewModel)',
    load: async () => (await import('./commands/inspect')).inspectCommand,
  },
  {
    name: 'sign',
    summary:
      "co-sign a PSBT's inputs of a registered wallet under its sealed policy (refuses anything unproven)",
    load: async () => (await import('./commands/sign')).signCommand,
  },
  {
    name: 'combine',
    summary: 'merge the signatures of PSBTs for the same transaction',
    load: async () => (await import('./commands/combine')).combineCommand,
  },
  {
    name: 'finalize',
    summary: 'finalize a fully signed multisig PSBT; --extract prints the raw transaction in hex',
    load: async () => (await import('./commands/finalize')).finalizeCommand,
  },
  {
    name: 'xpub',
    summary: "export this cosigner's BIP-48 account key for a coordinator",
    load: async () => (await import('./commands/xpub')).xpubCommand,
  },
  {
    name: 'shares',
    summary: 'split a new partitioned key into SLIP-39 shares, or combine shares',
    load: async () => (await import('./commands/shares')).sharesCommand,
  },
  {
    name: 'qr',
    summary: 'encode a PSBT as QR frames (UR, BBQr, base64) or assemble scanned frames',
    load: async () => (await import('./commands/qr')).qrCommand,
  },
  {
    name: 'policy',
    summary: 'validate a policy file, or stage it for the quorum to accept',
    load: async () => (await import('./commands/policy')).policyCommand,
  },
  {
    name: 'approver',
    summary: 'enrol an approver (PIN and authenticator app), unlock a locked one, or remove one',
    load: async () => (await import('./commands/approver')).approverCommand,
  },
  {
    name: 'audit',
    summary: 'show, verify, report on and export the tamper-evident audit log',
    load: async () => (await import('./commands/audit')).auditCommand,
  },
  {
    name: 'reserves',
    summary: 'BIP-127 proof of reserves: build the unsigned proof from the coins, verify a finished one',
    load: async () => (await import('./commands/reserves')).reservesCommand,
  },
  {
    name: 'address',
    summary: 'say which registered wallet, branch and index an address belongs to (exit 3 when not found)',
    load: async () => (await import('./commands/address')).addressCommand,
  },
  {
    name: 'message',
    summary: 'BIP-322 message signing for a wallet address: prepare the PSBT, take the signature, verify',
    load: async () => (await import('./commands/message')).messageCommand,
  },
  {
    name: 'config',
    summary:
      'the sealed configuration: status, accept (needs the quorum) or reject the changes since the last seal',
    load: async () => (await import('./commands/config')).configCommand,
  },
  {
    name: 'airgap',
    summary:
      'the air-gap guard: status, request an override to sign while a network is up (the quorum accepts it), withdraw it',
    load: async () => (await import('./commands/airgap')).airgapCommand,
  },
];
