import type { AuditProblem } from '../../src/audit/problems';
import type { SealDifference } from '../../src/ceremony/differences';
import type { WarningCode } from '../../src/psbt/warnings';
import { type CodedWords, codedWords } from './coded-words';
import { errorsEn } from './errors-en';

/** What the audit verifier found wrong at a line, one phrase per problem code (it follows a colon). */
const auditProblems = {
  AUDIT_NOT_JSON: () => 'the line is not valid JSON',
  AUDIT_NOT_AN_ENTRY: () => 'the line does not have the fields of an audit entry',
  AUDIT_SEQUENCE: ({ found, expected }: { found: number; expected: number }) =>
    `it carries sequence number ${found} where ${expected} was expected (an entry was removed, inserted or moved)`,
  AUDIT_CHAIN_BROKEN: () =>
    'the hash of the previous entry does not match (the previous entry was changed, or this one moved)',
} satisfies CodedWords<AuditProblem>;

/** Every word the app shows, in one place so other languages can follow. */
export const en = {
  appName: 'Airlock',
  /** BCP 47 locale for numbers and dates. */
  locale: 'en-US',
  language: { label: 'Language', en: 'English', ja: '日本語' },
  tagline: 'Air-gapped multisig cosigner',
  busy: 'Working…',
  nav: {
    home: 'Home',
    wallets: 'Wallets',
    shares: 'Shares',
    audit: 'Audit log',
    cancel: 'Cancel ceremony',
    cancelConfirm:
      'Cancel this ceremony? The approvals given and the key shares entered are discarded, and the officers must start again.',
    cancelYes: 'Yes, cancel the ceremony',
    cancelNo: 'No, continue',
    main: 'Main menu',
    steps: 'Ceremony steps',
    back: 'Back',
  },
  airgap: {
    isolated: 'Offline: no network interface is up.',
    connected: (names: string) =>
      `Network connected (${names}). Signing is blocked until every network link is switched off.`,
    overridden: (names: string) =>
      `Network connected (${names}). A quorum sealed an override of the air-gap guard; every signature is written to the audit log.`,
    overrideWhere:
      'Switch off every network link. Only if that is impossible, an override can be asked for at the end of the page.',
    overrideTitle: 'Ask to override the air-gap guard (a quorum must accept it; audited)',
    overrideLabel: 'Reason for overriding the air-gap guard',
    overrideButton: 'Ask for the override',
  },
  announce: { step: (n: number, of: number, name: string) => `Step ${n} of ${of}: ${name}` },
  steps: ['Scan', 'Review', 'Approvals', 'Key shares', 'Sign', 'Show QR', 'Done'],
  home: {
    title: 'Signing ceremony',
    noWallet: 'No wallet is chosen. Register or choose one under Wallets.',
    setupTitle: 'First setup, in this order',
    setup: [
      "Create this device's key under Shares, and print a share card for each officer.",
      "Give the coordinator this device's key: Wallets, This cosigner's key.",
      "Register the wallet the coordinator made from the cosigners' keys, under Wallets, after checking it.",
      "Enrol the approvers and set the wallet's policy; the key quorum accepts them.",
    ],
    setupDone: 'done',
    wallet: (name: string, m: number, n: number, network: string) =>
      `${name}: ${m} of ${n} multisig on ${network}`,
    start: 'Start: scan a transaction',
    chooseWallet: 'Choose a wallet',
  },
  scan: {
    title: 'Scan the transaction',
    hint: 'Hold the coordinator’s animated QR code in front of the camera.',
    progress: (seen: number, needed: number | null) =>
      needed === null ? `${seen} parts read` : `${seen} of ${needed} parts read`,
    format: (format: string) => `Format: ${format}`,
    orPaste: 'Or paste a PSBT (base64 or hex), or open a file',
    pasteLabel: 'PSBT text',
    load: 'Load this PSBT',
    openFile: 'Open PSBT file',
    wordsRefused:
      'These are words, as on a key share card or in a seed phrase, so they were not read. Enter key shares only on the Key shares step.',
    cameraErrors: {
      NO_CAMERA: 'No usable camera was found. Connect a camera to scan QR codes.',
      CAMERA_DENIED: 'Camera access was denied. Allow the camera to scan QR codes.',
      CAMERA_UNSUPPORTED: 'This window cannot read a camera.',
      CAMERA_FAILED: 'The camera could not be started.',
      DECODER_FAILED: 'The QR decoder could not be loaded. Restart Airlock.',
    },
  },
  networks: { mainnet: 'Bitcoin mainnet', testnet: 'testnet', signet: 'signet', regtest: 'regtest' },
  review: {
    title: 'Review the transaction',
    computing: 'Checking the transaction against the wallet…',
    wallet: 'Wallet',
    network: 'Network',
    txid: 'Transaction ID',
    psbtHash: 'PSBT hash',
    number: 'No.',
    inputs: 'Inputs',
    outputs: 'Outputs',
    outpoint: 'Coin',
    amount: 'Amount',
    ours: 'Ours',
    proven: 'Amount proven',
    address: 'Address',
    kind: 'Kind',
    yes: 'yes',
    no: 'no',
    unknown: 'unknown',
    noAddress: '(no address: data output)',
    kinds: {
      change: 'Change (back to this wallet)',
      external: 'External payment',
      allowed: 'Allowed destination',
      transfer: 'Transfer to a registered wallet',
    },
    transferTo: (wallet: string, owner: string | null) =>
      `to registered wallet ${wallet} (${owner ?? 'no owner class assigned'})`,
    sent: 'Sent to others',
    change: 'Change',
    fee: 'Fee',
    feeRate: 'Fee rate',
    feeRateValue: (rate: number) => `${rate.toFixed(1)} sat/vB`,
    size: 'Size once signed',
    sizeValue: (vsize: number) => `${vsize} vB`,
    signatures: 'Signatures',
    signaturesValue: (present: number, perInput: number, inputs: number) =>
      inputs === 0
        ? 'No input of this wallet to sign'
        : `Each of this wallet's ${inputs} ${inputs === 1 ? 'input needs' : 'inputs need'} ${perInput} signatures; ${present} ${present === 1 ? 'is' : 'are'} present in all. This key adds one to each.`,
    feeShare: (percent: number, ofSent: boolean) =>
      `(${percent}% of the amount ${ofSent ? 'sent' : 'spent'})`,
    inputsSummary: (count: number, ours: number, proven: number) =>
      `${count} ${count === 1 ? 'input' : 'inputs'}, ${
        ours === count ? "all this wallet's" : `${ours} of them this wallet's`
      }, ${proven === count ? 'all amounts proven' : `${count - proven} with amounts not proven`}; total`,
    showInputs: (count: number) => `Show all ${count} inputs`,
    warnings: 'Warnings',
    violations: 'Policy violations: signing is refused',
    confirm: 'The details are right: continue',
    refused: 'This transaction is refused',
  },
  approvals: {
    title: 'Approvals',
    needed: (done: number, required: number) => `${done} of ${required} approvals given`,
    candidates: (names: string) => `Approvers: ${names}`,
    name: 'Approver name',
    pin: 'Passphrase (12 characters or more)',
    code: 'Authenticator code',
    submit: 'Approve this transaction',
    approved: (name: string) => `${name} approved`,
    approvedNow: (name: string) => `${name}'s approval is recorded.`,
    attemptsLeft: (name: string, n: number) => `${name} has ${n} attempts left before being locked.`,
    lastAttempt: (name: string) =>
      `Last attempt for ${name}: one more failure locks ${name} until another approver unlocks them. Check the PIN and wait for a fresh code.`,
    locked: (name: string) =>
      `${name} is locked after too many failed attempts; another approver must unlock them.`,
    next: 'Continue to key shares',
  },
  shares: {
    title: 'Key shares',
    progress: (seen: number, needed: number | null) =>
      needed === null ? `${seen} shares entered` : `${seen} of ${needed} shares entered`,
    wordOf: (n: number, of: number) => `Word ${n} of ${of}`,
    expectedKey: (fingerprints: string) =>
      `Enter the shares of this device's key ${fingerprints}: its fingerprint is printed on every card.`,
    expectedAnyKey:
      "Enter the shares of this device's key in the wallet: its fingerprint is printed on every card.",
    expectedSet: (set: string) => `Every share must be of set ${set}, like the first.`,
    typedSet: (set: string) => `set ${set}`,
    otherSet: (typed: string, expected: string) =>
      `This share is of set ${typed}, but the shares entered so far are of set ${expected}. Check the card.`,
    scan: "Scan the card's QR code",
    stopScan: 'Stop scanning',
    scanHint: "Hold the share card's QR code in front of the camera. Its words are not shown here.",
    notAShare: 'That QR code is not a key share. Scan the QR code printed on the share card.',
    suggestion: (word: string) => `Tab completes: ${word}`,
    unknownWords: (words: string) => `Not share words (check the spelling on the card): ${words}`,
    submit: 'Add this share',
    missing: (n: number) =>
      `${n} more ${n === 1 ? 'share is' : 'shares are'} needed before this key can sign. Nothing can be signed until then.`,
    next: 'Continue to signing',
    back: 'Back to key shares (the approvals are kept)',
    label: (n: number) => `Share ${n}: type its words one by one`,
    entered: (n: number) => `${n} ${n === 1 ? 'word' : 'words'} entered`,
    hiddenWords:
      'Each word leaves the field once it is complete and is kept only as its number on the word list.',
    showWords: 'Show the words entered',
    hideWords: 'Hide the words',
    changeWord: (n: number, word: string) => `Change word ${n}: ${word}`,
    replacing: (n: number) => `Type the word that goes in place of word ${n}.`,
    removeLast: 'Remove the last word',
    clear: 'Clear all words',
  },
  signing: {
    title: 'Sign',
    summary: (wallet: string, payments: number) =>
      `Last look: wallet ${wallet} signs this transaction with ${payments} ${payments === 1 ? 'payment' : 'payments'}. Compare every line with the coordinator's screen once more.`,
    sign: 'Sign now',
    blocked: 'Signing is blocked while a network is connected.',
  },
  showQr: {
    title: 'Show the signed transaction',
    hint: 'Let the coordinator’s camera read this animated QR code.',
    frame: (i: number, n: number) => `Frame ${i} of ${n}`,
    speed: 'Speed (frames per second)',
    density: 'Density',
    densities: { low: 'Low (easy to read)', medium: 'Medium', high: 'High (fewer frames)' },
    format: 'Format',
    contents: 'What to show',
    contentsChoice: {
      full: (frames: number | null) =>
        frames === null ? 'Full PSBT' : `Full PSBT (${frames} ${frames === 1 ? 'frame' : 'frames'})`,
      signatures: (frames: number | null) =>
        frames === null
          ? 'Signatures only'
          : `Signatures only (${frames} ${frames === 1 ? 'frame' : 'frames'})`,
    },
    signaturesAcceptedBy:
      'Signatures only holds the transaction and this key’s new signatures; the coordinator combines them with the PSBT it sent. Known to accept it: Electrum and coordinators built on bitcoinjs-lib (tested). Other coordinators are untested: if yours rejects it, show the full PSBT.',
    proposeSignatures: (full: number, signatures: number) =>
      `Signatures only needs ${signatures} frames instead of ${full}.`,
    useSignatures: 'Show signatures only',
    save: 'Save frames as files',
    saved: (dir: string) => `Saved to ${dir}`,
    done: 'The coordinator has it: finish',
  },
  done: {
    title: 'Done',
    signed: (inputs: number) => `Signed ${inputs} input(s). The keys were wiped from memory.`,
    hash: (hash: string) => `Signed PSBT hash: ${hash}`,
    left: (n: number) =>
      `Left for the coordinator: ${n} more ${n === 1 ? 'signature' : 'signatures'} from the other cosigners, then finalise and broadcast the transaction.`,
    complete:
      'Left for the coordinator: the transaction has every signature it needs. Finalise and broadcast it.',
    showAgain: 'Show the signed QR again',
    home: 'Back to home',
  },
  purpose: {
    proofTitle: 'Proof of reserves',
    proofMessage: (message: string) => `Message: “${message}”`,
    proves: 'Proves',
    inCoins: (coins: number, wallet: string) => `in ${coins} coin(s) of wallet ${wallet}.`,
    neverConfirmed: 'This transaction can never be confirmed: no coin moves and no payment is made.',
    messageTitle: 'Sign a message',
    message: (message: string) => `Message: “${message}”`,
    messageHashOnly: (hash: string) => `The PSBT carries only the message's hash: ${hash}`,
    forAddress: (address: string, wallet: string) => `for address ${address} of wallet ${wallet}`,
    nothingPaid: 'Nothing is paid: the signature proves control of the address.',
  },
  verifyAddress: {
    title: 'Verify an address',
    hint: 'Paste or scan an address or a bitcoin: URI to learn whether it belongs to a registered wallet.',
    input: 'Address or bitcoin: URI',
    check: 'Verify',
    scan: 'Scan address QR',
    stopScan: 'Stop scanning',
    branches: { receive: 'receive', change: 'change' },
    found: (wallet: string, branch: string, index: number) =>
      `Belongs to wallet ${wallet}: ${branch} address number ${index}.`,
    notFound: (range: number) =>
      `Not found: it is none of the first ${range.toLocaleString('en')} receive and ${range.toLocaleString('en')} change addresses of any registered wallet.`,
  },
  wallets: {
    title: 'Wallets',
    none: 'No wallet registered yet.',
    choose: 'Use this wallet',
    chosen: 'In use',
    import: 'Register a wallet',
    importHint:
      'Scan the coordinator’s wallet QR (UR or BBQr, animated or not), paste a descriptor, a Coldcard/Sparrow multisig file or a BSMS record, or open the file.',
    scan: 'Scan wallet QR',
    stopScan: 'Stop scanning',
    scanned: 'Wallet scanned into the form below. Check it, then register it.',
    text: 'Wallet text',
    name: 'Name (optional)',
    owner: 'Whose funds this wallet holds',
    owners: {
      unassigned: 'Not assigned',
      customer: 'Customer funds',
      company: 'Company funds',
    },
    setOwner: 'Change whose funds it holds',
    setOwnerFor: (name: string) => `Change whose funds wallet ${name} holds`,
    setOwnerButton: 'Set the owner class',
    ownerSet: (name: string, owner: string) => `Wallet ${name} now holds ${owner.toLowerCase()}.`,
    ownerStaged: (name: string, owner: string) =>
      `Wallet ${name} as ${owner.toLowerCase()} is staged: it applies once the quorum accepts it under Changes.`,
    register: 'Register',
    check: 'Check this wallet',
    registered: (name: string) => `Wallet ${name} is registered and in use.`,
    reviewTitle: (name: string) => `Check wallet ${name} before registering it`,
    reviewHint:
      'Compare every line with the coordinator: the threshold, each cosigner’s fingerprint and path, and the first addresses. Register only if all agree.',
    threshold: 'Signatures needed',
    thresholdValue: (m: number, n: number) => `${m} of ${n}`,
    scriptType: 'Script type',
    firstReceive: 'First receive address',
    firstChange: 'First change address',
    fingerprint: 'Fingerprint',
    path: 'Path',
    whose: 'Key',
    thisDevice: 'This device',
    otherCosigner: 'Other cosigner',
    openFile: 'Open wallet file',
    showQr: 'Show descriptor QR for the coordinator',
    cosigners: 'Cosigners',
    importNote: 'Registered. Note:',
    originUnknown: '[origin unknown: only its xpub is known; it is checked, never signed with here]',
    thisCosigner: "This cosigner's key",
    thisCosignerHint:
      'The account key of each key created on this machine, for the coordinator to register this cosigner.',
    noCosigner: 'No key was created on this machine yet. Create one under Shares.',
    cosigner: (fingerprint: string, network: string, created: string) =>
      `Key ${fingerprint} on ${network}, created ${created}`,
    unfinished: 'Not ready: its share cards were not all printed',
    discardUnfinished: 'Discard this unfinished key',
    discardConfirm:
      'The app closed before every card of this key was printed, so the key can never be rebuilt. Discard its record? Destroy any card of it that was printed.',
    discardYes: 'Yes, discard it',
    discardNo: 'Keep it for now',
    showKeyQr: (scriptType: string) => `Show ${scriptType} key QR`,
    keyQr: (scriptType: string, fingerprint: string, format: string) =>
      `${scriptType} account key of ${fingerprint} (${format})`,
    keyQrFormat: 'QR code format',
    keyQrFormats: {
      ur: 'ur:crypto-account (read by most coordinators)',
      'ur-account-descriptor': 'ur:account-descriptor (newer coordinators)',
    },
    keyText: 'The same key as text',
  },
  createShares: {
    title: 'Shares',
    body: 'Create a new partitioned key: the computer splits it into SLIP-39 shares and prints one card per share. The words appear only on the printed cards, never on this screen. Give each card to a different officer.',
    layout: 'How the key is split',
    shareCount: 'Number of shares (officers)',
    threshold: 'Shares needed to rebuild the key',
    layoutSummary: (k: number, n: number) => `Any ${k} of the ${n} shares rebuild the key.`,
    strength: 'Key strength',
    strengths: { 128: '128 bits (20-word shares)', 256: '256 bits (33-word shares)' },
    network: 'Bitcoin network',
    dice: 'Dice rolls (optional): digits 1 to 6',
    diceHint: (needed: number, bits: number) =>
      `Rolls of a fair die are mixed into the computer's own randomness. ${needed} rolls carry ${bits} bits on their own.`,
    diceCount: (rolls: number, needed: number) => `(${rolls} of ${needed} rolls typed)`,
    diceInvalid: 'Only the digits 1 to 6 (and spaces) may be typed here.',
    create: 'Create key',
    creating: 'Creating the key…',
    fingerprint: (fingerprint: string, network: string) => `Key ${fingerprint} on ${network}`,
    keys: "This cosigner's account keys (public)",
    scriptTypes: { p2wsh: 'P2WSH', 'p2sh-p2wsh': 'P2SH-P2WSH' } as Record<string, string>,
    cards: 'Print the share cards',
    cardsHint: (k: number, n: number) =>
      `Print each card, then hand it to its officer. Any ${k} of the ${n} cards rebuild the key; keep them apart.`,
    share: (index: number, count: number, group: number | null) =>
      group === null ? `Share ${index} of ${count}` : `Group ${group}, share ${index} of ${count}`,
    print: (index: number) => `Print card for share ${index}`,
    printAgain: (index: number) => `Print share ${index} again`,
    printed: 'printed',
    notPrinted: 'not printed yet',
    printing: (index: number) =>
      `Printing share ${index}… If the card opened in a window of its own, print it there (Ctrl+P), then close that window.`,
    finish: 'Finish: every card is printed',
    finishHint: 'Finish wipes the shares from this computer’s memory. They cannot be printed again.',
    abandon: 'Abandon this key',
    abandonConfirm:
      'Abandon discards this key for good: its record is deleted and the cards already printed become useless. Destroy them.',
    abandonYes: 'Yes, discard this key',
    abandonNo: 'Keep it',
    finished: (fingerprint: string) =>
      `Key ${fingerprint} is ready. Its cards are printed and its shares were wiped from memory. Give the coordinator this cosigner's key from the Wallets screen.`,
    abandoned: (fingerprint: string) => `Key ${fingerprint} was discarded. Destroy any card printed for it.`,
    toWallets: "Show this cosigner's key under Wallets",
    another: 'Create another key',
  },
  audit: {
    title: 'Audit log',
    intact: 'The audit log is intact: every entry chains to the one before.',
    broken: ({ line, problem }: { line: number; problem: AuditProblem }) =>
      `The audit log has been altered at line ${line}: ${codedWords(auditProblems, problem)}.`,
    export: 'Export as file',
    seq: '#',
    time: 'Time',
    event: 'Event',
    wallet: 'Wallet',
    outcome: 'Outcome',
  },
  report: {
    title: 'Daily reconciliation',
    scope:
      'Everything this device signed, in the app and with the command line, per owner class, wallet and day (UTC), computed from the verified audit log.',
    since: 'From day (UTC; empty for the whole log)',
    none: 'Nothing was signed in this period.',
    wallet: (name: string) => `Wallet ${name}`,
    day: 'Day (UTC)',
    signed: 'Signatures',
    sent: 'Sent',
    fees: 'Fees',
    details: 'Destinations, transfers and proofs',
    destinations: 'Destinations',
    transfers: 'Transfers to registered wallets',
    transferTo: (wallet: string, owner: string) => `to wallet ${wallet} (${owner})`,
    proofs: 'Proofs of reserves signed',
    messages: 'Messages signed (BIP-322)',
    messageHashOnly: 'A message given only by its hash',
    forAddress: 'for address',
    head: 'Audit head (sequence:hash):',
    headHint:
      'The online side keeps this head and checks the next export against it (airlock audit verify --expect-head), so a log rolled back is detected.',
    print: 'Print the report',
    printed: 'The report was sent to the printer.',
    printCancelled: 'The report was not printed.',
    exportFile: 'Export the report as a file',
    showQr: 'Show the report as QR',
    hideQr: 'Hide the report QR',
    qrHint: 'For the online side: BBQr (JSON), the same document as the file, the audit head included.',
    entries: 'Log entries',
  },
  donePurpose: {
    proofTitle: 'Proof of reserves signed',
    proofLead:
      'This device signed a proof of reserves. Nothing moves: the transaction can never be confirmed.',
    messageTitle: 'Message signed',
    messageSigned: (message: string, address: string, wallet: string) =>
      `Message “${message}” signed for address ${address} of wallet ${wallet}.`,
    messageHashSigned: (hash: string, address: string, wallet: string) =>
      `The message with hash ${hash} signed for address ${address} of wallet ${wallet}.`,
    qrHint: 'The signed PSBT, for the coordinator to combine with the other cosigners’ signatures:',
    proofQr: 'Signed proof of reserves',
    messageQr: 'Signed message',
    save: 'Save as a file',
    saved: (directory: string) => `Saved in ${directory}`,
    head: (head: string) => `Audit head after this signature: ${head}`,
    proofLeft: (n: number) =>
      `Left for the coordinator: ${n} more ${n === 1 ? 'signature' : 'signatures'} from the other cosigners, then finalise the proof and check it with airlock reserves verify. It is never broadcast.`,
    proofComplete:
      'Left for the coordinator: the proof has every signature it needs. Finalise it and check it with airlock reserves verify; it is never broadcast.',
    messageLeft: (n: number) =>
      `Left for the coordinator: ${n} more ${n === 1 ? 'signature' : 'signatures'} from the other cosigners, then finalise and check the signature with airlock message verify.`,
    messageComplete:
      'Left for the coordinator: the message signature has every signature it needs. Finalise it and check it with airlock message verify.',
  },
  /** The Changes, Approvers and Policy screens: the sealed configuration and what is staged. */
  changes: {
    nav: 'Changes',
    title: 'Changes since the last seal',
    sealedBy: 'Sealed by the quorum of key',
    head: 'Audit head in the seal',
    notSealed:
      'This device is not sealed yet. Its first quorum ceremony seals everything listed here, as it is now: read it before the officers enter their shares.',
    toBeSealed: 'The first seal covers',
    differencesTitle: 'The data directory differs from its seal',
    differencesLead:
      'These files were changed without the quorum. Nothing is signed until they are restored, or the quorum accepts them as they are.',
    acceptDifferences: 'The quorum accepts the files as they are',
    staged: 'Staged changes, waiting for the quorum',
    noneStaged: 'No change is staged. Changes made under Wallets, Approvers or Policy are listed here.',
    approvalsNeeded: (wallet: string, required: number, approvers: string) =>
      `Wallet ${wallet}'s policy asks for ${required} approval(s) of ${approvers} before the quorum.`,
    approvedBy: (names: string) => `Approved so far: ${names}`,
    accept: 'Accept: the quorum enters its shares',
    sealNow: 'Seal now: the quorum enters its shares',
    reject: 'Reject every staged change',
    acceptedNow: 'Accepted and sealed. The device now obeys the new configuration.',
    rejectedNow: 'The staged changes were dropped; the seal is as it was.',
    airgapTitle: 'Air-gap setting',
    withdraw: 'Withdraw the override (holds at once)',
    withdrawStaged: 'The withdrawal is staged: signing is refused while a network is up from now on.',
    approvalsTitle: 'Approve the staged changes',
    approvalsSubmit: 'Approve these changes',
    sealNotice: 'This device is not sealed yet. The quorum entered for this signature seals it first:',
    unsealedNotice:
      'This device is not sealed yet: its first quorum ceremony seals its wallets, policies, approvers and air-gap setting.',
    brokenNotice: 'The data directory differs from its seal, so nothing can be signed.',
    pendingNotice: (n: number) => `${n} staged ${n === 1 ? 'change waits' : 'changes wait'} for the quorum.`,
    open: 'Show the changes',
    walletStaged: (name: string) =>
      `Wallet ${name} is staged: it is registered once the quorum accepts it under Changes.`,
  },
  /** One staged change, or one item the first seal covers, in plain words. */
  configItems: {
    wallet: (name: string, threshold: number, cosigners: number, network: string) =>
      `Register wallet ${name}: ${threshold} of ${cosigners} multisig on ${network}`,
    withoutDeviceKey: 'It holds none of this device’s keys (confirmed by the operator).',
    owner: (owner: string) => `Owner class: ${owner}`,
    owners: { customer: 'customer funds', company: 'company funds' },
    policy: (wallet: string) => `Policy of wallet ${wallet}:`,
    enrol: (name: string) => `Enrol approver ${name}`,
    remove: (name: string) => `Remove approver ${name}`,
    unlock: (name: string, by: string) => `Unlock approver ${name} (asked by ${by})`,
    airgapAllow: (reason: string) => `Allow signing while a network is up (reason: ${reason})`,
    airgapStrict: 'Refuse signing while a network is up',
    walletOwner: (wallet: string, owner: string) => `Set the owner class of wallet ${wallet}: ${owner}`,
  },
  /** A policy in plain words, one rule a line. */
  policyWords: {
    none: 'No policy: no approvals, no limits, any destination.',
    approvals: (required: number, approvers: string) => `${required} of ${approvers} must approve`,
    noApprovals: 'No approvals needed',
    destinations: (n: number) => `Payments only to ${n} allowed destination(s):`,
    anyDestination: 'Payments to any destination',
    maxPerTransaction: 'At most per transaction:',
    maxPer24h: 'At most per 24 hours:',
    noLimit: 'No limit on amounts',
    maxFee: 'Fee at most:',
    maxFeeRate: (rate: number) => `Fee rate at most ${rate} sat/vB`,
    unprovenAllowed:
      'Inputs whose amount is not proven by the previous transaction are allowed (the segwit fee attack is possible)',
    unprovenRefused: 'Inputs whose amount is not proven by the previous transaction are refused',
    crossOwner: (wallets: string) => `Transfers to wallets of another owner allowed to: ${wallets}`,
    crossOwnerApprovals: (required: number, approvers: string) =>
      `such a transfer needs ${required} of ${approvers}`,
    noCrossOwner: 'Transfers to wallets of another owner are refused',
    descriptor: (label: string) => `wallet descriptor ${label}`,
  },
  approvers: {
    nav: 'Approvers',
    title: 'Approvers',
    lead: 'Each approver proves a passphrase and a code from their own authenticator. Enrolments, unlocks and removals take effect once the quorum accepts them.',
    none: 'No approver is enrolled.',
    enrolled: 'enrolled',
    stagedEnrol: 'enrolment staged',
    stagedRemove: 'removal staged',
    stagedUnlock: 'unlock staged',
    locked: 'locked',
    attemptsLeft: (n: number) => `${n} attempts left`,
    remove: (name: string) => `Remove ${name}`,
    enrolTitle: 'Enrol an approver',
    name: 'Name',
    passphrase: (min: number, max: number) => `Passphrase (${min} to ${max} characters)`,
    passphraseAgain: 'The same passphrase again',
    passphraseRule: (min: number, max: number) =>
      `The passphrase has ${min} to ${max} characters, with no space at either end; it alone guards the approver's authenticator secret.`,
    mismatch: 'The two passphrases differ.',
    enrol: 'Enrol',
    qrTitle: (name: string) => `${name}: scan this with your authenticator now`,
    qrOnce:
      'This code is shown once and never again. Scan it with the approver’s authenticator app, then press Done.',
    qrLabel: (name: string) => `Authenticator setup code for ${name}`,
    qrDone: 'Done: the authenticator has it',
    enrolledNow: (name: string) => `${name} is enrolled.`,
    stagedNow: (name: string) => `${name}'s enrolment is staged for the quorum.`,
    removedNow: (name: string) => `${name}'s removal is staged for the quorum.`,
    unlockTitle: (name: string) => `Unlock ${name}`,
    unlockLead:
      'Another approver asks for the unlock with their own passphrase and code (written to the audit log); once the device is sealed, it takes effect when the quorum accepts it under Changes.',
    unlockBy: 'Approver who unlocks',
    unlockPassphrase: 'Their passphrase',
    unlockCode: 'Their authenticator code',
    unlock: 'Ask for the unlock',
    unlockedNow: (name: string) => `${name} is unlocked.`,
    unlockStagedNow: (name: string) =>
      `${name}'s unlock is staged: it takes effect once the quorum accepts it under Changes.`,
  },
  policy: {
    nav: 'Policy',
    title: 'Policy',
    noWallet: 'Choose a wallet under Wallets first.',
    inForce: (wallet: string) => `Policy of wallet ${wallet} in force`,
    firstSeal: 'Not sealed yet: the device’s first seal seals this policy.',
    staged: 'Staged, waiting for the quorum',
    draftTitle: 'Draft a new policy',
    draftLead:
      'Each field left empty sets no rule. Allowed destinations given as wallet descriptors are kept as they are.',
    approvalsRequired: 'Approvals required',
    approvers: 'Approver names (comma-separated)',
    maxPerTransaction: 'Maximum per transaction (sats)',
    maxPer24h: 'Maximum per 24 hours (sats)',
    maxFee: 'Maximum fee (sats)',
    maxFeeRate: 'Maximum fee rate (sat/vB)',
    destinations: 'Allowed destination addresses (one a line; empty: any destination)',
    crossOwner: 'Wallets of another owner this wallet may pay (comma-separated)',
    allowUnproven: 'Allow inputs whose amount is not proven (not advised)',
    draftInWords: 'The draft in plain words',
    testTitle: 'Test drive the draft',
    testLead:
      "Scan the coordinator's QR code, paste a PSBT (base64 or hex) or open its file: the draft is checked against it as the signing gate would, and nothing is staged or signed.",
    psbt: 'PSBT to test against',
    openFile: 'Open PSBT file',
    scan: "Scan the coordinator's QR code",
    stopScan: 'Stop scanning',
    scanned: 'The PSBT was read from the QR code.',
    test: 'Test drive',
    wouldSign: 'Under this draft, this transaction would be signed (once the approvals it names are given).',
    wouldRefuse: 'Under this draft, this transaction would be refused:',
    stage: 'Stage this policy for the quorum',
    stageNone: 'Stage "no policy" for the quorum instead',
    stagedNow: 'The policy is staged. It applies once the quorum accepts it under Changes.',
  },
  /** Plain words for every error code the app can show (errors-en.ts). */
  errors: errorsEn,
  auditProblems,
  /** How the data directory differs from its seal, one sentence per difference code. */
  sealDifferences: {
    WALLET_FILE_UNREADABLE: ({ wallet }: { wallet: string }) =>
      `The wallet file ${wallet}.json cannot be read (edited or damaged).`,
    WALLET_FILE_TWIN: ({ wallet, twin }: { wallet: string; twin: string }) =>
      `The wallet file ${wallet}.json registers the same wallet as ${twin}.json.`,
    POLICY_FILE_UNREADABLE: ({ wallet }: { wallet: string }) =>
      `The policy file of wallet ${wallet} cannot be read (edited or damaged).`,
    APPROVERS_FILE_UNREADABLE: () => 'The approvers file cannot be read (edited or damaged).',
    AIRGAP_FILE_UNREADABLE: () => 'The air-gap settings file cannot be read (edited or damaged).',
    WALLET_REPLACED: ({ wallet }: { wallet: string }) =>
      `The wallet file ${wallet}.json was replaced by a different wallet (other keys or rules).`,
    WALLET_DELETED: ({ wallet }: { wallet: string }) => `The wallet file ${wallet}.json was deleted.`,
    WALLET_RENAMED: ({ wallet, now }: { wallet: string; now: string }) =>
      `Wallet ${wallet} is now registered as ${now}.`,
    WALLET_EDITED: ({ wallet }: { wallet: string }) => `The wallet file ${wallet}.json was edited.`,
    POLICY_DELETED: ({ wallet }: { wallet: string }) => `The policy file of wallet ${wallet} was deleted.`,
    POLICY_EDITED: ({ wallet }: { wallet: string }) =>
      `The policy of wallet ${wallet} was edited or replaced.`,
    WALLET_ADDED: ({ wallet }: { wallet: string }) =>
      `The wallet file ${wallet}.json was added without the quorum.`,
    POLICY_FILE_ADDED: ({ file }: { file: string }) => `A policy file ${file} was added without the quorum.`,
    APPROVER_DELETED: ({ approver }: { approver: string }) => `Approver ${approver}'s record was deleted.`,
    APPROVER_REPLACED: ({ approver }: { approver: string }) => `Approver ${approver}'s record was replaced.`,
    APPROVER_ADDED: ({ approver }: { approver: string }) =>
      `Approver ${approver} was added without the quorum.`,
    AIRGAP_DELETED: () => 'The air-gap settings file was deleted.',
    AIRGAP_EDITED: () => 'The air-gap settings were edited.',
    SEAL_FILE_DAMAGED: () => 'The seal file was edited or damaged.',
    SEAL_DELETED: ({ entry }: { entry: number }) =>
      `The seal file was deleted (the audit log records a seal at entry ${entry}); nothing is signed until a quorum seals again.`,
    AUDIT_LOG_DELETED: () => 'The audit log was deleted.',
    AUDIT_LOG_ALTERED: ({
      line,
      sealedPart,
      problem,
    }: {
      line: number;
      sealedPart: boolean;
      problem: AuditProblem;
    }) =>
      `The audit log was altered at line ${line}${sealedPart ? ', inside its sealed part' : ''}: ${codedWords(auditProblems, problem)}.`,
    AUDIT_LOG_SHORTER: ({ entries, sealedEntries }: { entries: number; sealedEntries: number }) =>
      `The audit log is shorter than its sealed head: ${entries} entries where the seal recorded ${sealedEntries}.`,
    AUDIT_LOG_DIVERGES: ({ entry }: { entry: number }) =>
      `The audit log diverges from its sealed head at entry ${entry} (an older or other copy).`,
  } satisfies CodedWords<SealDifference>,
  /** Plain words for the review's warning codes; the core's own sentence follows in brackets. */
  warnings: {
    WITNESS_UTXO_ONLY: 'An amount is not proven by its previous transaction.',
    MISSING_AMOUNT: 'An input gives no amount, so the fee is unknown.',
    UNKNOWN_INPUT: 'An input is not from this wallet; it is left unsigned.',
    FOREIGN_CHANGE: 'An output pretends to be change but is not this wallet’s.',
    HIGH_FEE: 'The fee is unusually high.',
    LOW_FEE_RATE: 'The fee rate is too low to be relayed.',
    NONSTANDARD_SIGHASH: 'An input asks for an unusual signature type.',
    LOCKTIME: 'The transaction cannot be confirmed yet.',
    MISSING_PREVIOUS_TX: 'A legacy input lacks its previous transaction.',
    PROOF_OF_RESERVES: 'This is a proof of reserves, not a payment.',
  } satisfies Record<WarningCode, string>,
  /** Each warning's detail, worded from its parameters (inputs and outputs numbered from 1). */
  warningDetail: {
    inputs: (numbers: string, count: number) => `${count === 1 ? 'Input' : 'Inputs'} ${numbers}`,
    outputs: (numbers: string, count: number) => `${count === 1 ? 'Output' : 'Outputs'} ${numbers}`,
    separator: ', ',
    more: (n: number) => ` and ${n} more`,
    PROOF_OF_RESERVES: 'A proof of reserves moves nothing; this transaction can never be confirmed.',
    UNKNOWN_INPUT: (inputs: string, wallet: string) =>
      `${inputs}: not part of wallet ${wallet}; this device will not sign it.`,
    MISSING_AMOUNT: (inputs: string) => `${inputs}: the PSBT gives no amount, so the fee is unknown.`,
    WITNESS_UTXO_ONLY: (inputs: string) =>
      `${inputs}: the amount comes only from a witness UTXO, without the previous transaction that proves it.`,
    MISSING_PREVIOUS_TX: (inputs: string) =>
      `${inputs}: a legacy P2SH input needs its previous transaction before it can be signed.`,
    NONSTANDARD_SIGHASH: (inputs: string) => `${inputs}: asks for a signature type other than SIGHASH_ALL.`,
    FOREIGN_CHANGE: (outputs: string, wallet: string) =>
      `${outputs}: claims a path under this wallet's keys but does not derive from wallet ${wallet}; it is counted as an external payment.`,
    HIGH_FEE: (fee: string, rate: string, percent: string, ofSent: boolean) =>
      `The fee of ${fee} (${rate} sat/vB) is ${percent}% of the amount ${ofSent ? 'sent' : 'spent'}.`,
    LOW_FEE_RATE: (rate: string, minimum: string) =>
      `The fee rate of ${rate} sat/vB is below ${minimum} sat/vB, which nodes do not relay; the transaction may never confirm.`,
    LOCKTIME_BLOCK: (height: string) => `It cannot be confirmed before block ${height}.`,
    LOCKTIME_TIME: (when: string) => `It cannot be confirmed before ${when} (UTC).`,
  },
  /** Each policy violation's detail, worded from its parameters. */
  violationDetail: {
    funds: (owner: 'customer' | 'company' | null) =>
      owner ? `${owner} funds` : 'funds of a wallet with no owner class',
    DESTINATION_NOT_ALLOWED: (output: string, address: string) =>
      `Output ${output} pays ${address}, which is not an allowed destination.`,
    noAddress: 'a script with no address',
    OVER_TX_LIMIT: (sent: string, limit: string) =>
      `This transaction sends ${sent}; the limit per transaction is ${limit}.`,
    OVER_DAILY_LIMIT: (before: string, sent: string, limit: string) =>
      `${before} was signed out in the last 24 hours; with this transaction's ${sent} it exceeds the limit of ${limit}.`,
    FEE_UNKNOWN: 'An input amount is missing, so the fee cannot be checked against the cap.',
    FEE_TOO_HIGH: (fee: string, cap: string) => `The fee of ${fee} is above the cap of ${cap}.`,
    FEE_RATE_TOO_HIGH: (rate: string, cap: string) =>
      `The fee rate of ${rate} sat/vB is above the cap of ${cap} sat/vB.`,
    UNKNOWN_APPROVER: (name: string) => `${name} is not an approver of this wallet.`,
    APPROVALS_MISSING: (required: number, given: number) =>
      `${required} approvals are required; ${given} given.`,
    CROSS_OWNER_TRANSFER: (output: string, funds: string, wallet: string) =>
      `Output ${output}: ${funds} may not move to wallet ${wallet} unless the policy allows it.`,
    CROSS_OWNER_APPROVALS_MISSING: (
      output: string,
      funds: string,
      wallet: string,
      required: number,
      approvers: string,
      given: number,
    ) =>
      `Output ${output} moves ${funds} to wallet ${wallet}: ${required} approvals of ${approvers} are required; ${given} given.`,
    UNPROVEN_AMOUNT: (inputs: string) =>
      `${inputs}: the amount is not proven by its previous transaction, so a coordinator could turn coins into fee; the sealed policy does not allow that.`,
    FRAUDULENT_CHANGE: (outputs: string, wallet: string) =>
      `${outputs}: claims a path under this wallet's keys but does not derive from wallet ${wallet}.`,
  },
  units: { label: 'Show amounts in', btc: 'BTC', satsName: 'sats', sats: (n: string) => `${n} sats` },
} as const;

/** The shape every language fills: en's keys, with any text in place of English literals. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer U)[]
      ? readonly Widen<U>[]
      : { [K in keyof T]: Widen<T[K]> };
export type Strings = Widen<typeof en>;
