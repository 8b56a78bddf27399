/**
 * Plain words for every error code the app can show (test/unit/renderer/error-words.test.ts finds
 * them in main and the core); the core's own English sentence follows as detail in English only.
 */
export const errorsEn = {
  // The ceremony and its order
  NO_WALLET: 'Choose a registered wallet first.',
  NO_PSBT: 'Scan or open a transaction first.',
  REVIEW_NOT_SHOWN: 'The transaction must be reviewed on screen first.',
  REVIEW_NOT_CONFIRMED: 'The review on screen must be confirmed first.',
  NOT_SIGNED: 'Nothing has been signed in this ceremony yet.',
  NETWORK_MISMATCH: 'This transaction is for another Bitcoin network than the wallet. It is refused.',
  NOTHING_TO_SIGN: 'No input of this transaction belongs to this wallet. There is nothing to sign.',
  SIGHASH_REFUSED: 'The transaction asks for an unusual signature type. Signing is refused.',
  AIRGAP_BLOCKED: 'A network link is up. Switch off every network link before signing or creating a key.',
  PSBT_MISMATCH: 'The signed transaction differs from the one received. Nothing was returned.',
  RETURN_CONFLICT: 'Signing changed a part of the transaction it was given. Nothing was returned.',
  // Approvals and approvers
  APPROVALS_MISSING: 'Not enough approvals have been given. Signing is refused.',
  NO_APPROVALS_NEEDED: "This wallet's sealed policy names no approvers; no approval is needed.",
  ALREADY_APPROVED: 'This approver has already approved this transaction. Another approver must approve.',
  APPROVAL_WRONG_PIN: 'The PIN is not right. The attempt was counted.',
  APPROVAL_WRONG_CODE: 'The authenticator code is not right or was used already. Wait for a fresh code.',
  APPROVER_LOCKED:
    'This approver is locked after too many failed attempts. Another approver must unlock them.',
  APPROVER_UNKNOWN: 'No approver of this name is enrolled. Check the name.',
  APPROVER_NOT_IN_POLICY: 'This person is not an approver of this wallet.',
  APPROVER_EXISTS: 'An approver of this name is already enrolled. Choose another name.',
  APPROVER_NAME_INVALID: 'An approver name starts with a letter and has at most 40 characters.',
  APPROVER_SELF_UNLOCK: 'An approver cannot unlock themselves. Another approver must do it.',
  APPROVER_RECORD_OLD:
    'This approver was enrolled under the older, weaker protection. Remove them and enrol them again with a passphrase.',
  PIN_INVALID: 'The passphrase does not follow the rules shown beside the field. Choose a longer one.',
  // Key shares and the quorum
  QUORUM_MISSING: 'Not enough key shares have been entered. Signing is refused.',
  QUORUM_INCOMPLETE: 'Not enough key shares have been entered yet.',
  NO_CHANGES: 'There is nothing for the quorum to accept: no change is staged.',
  ACCEPTANCE_NOT_STARTED: 'No acceptance of the staged changes is under way. Start it again under Changes.',
  CEREMONY_UNDER_WAY: 'A signing ceremony is under way. Finish or cancel it before accepting changes.',
  QUORUM_NOT_VERIFIED: 'The rebuilt key has not been checked against the wallet yet. Enter the shares again.',
  QUORUM_WRONG_KEY:
    'These shares rebuild a key that is not a cosigner of this wallet. Nothing was signed; the shares were wiped.',
  SHARE_CHECKSUM:
    'This share does not check out: a word is mistyped or missing. Compare the words with the card and correct them.',
  SHARE_INVALID: 'These words are not a valid key share. Compare them with the card and correct them.',
  SHARE_DUPLICATE: 'This share was already entered. Enter the share of another officer.',
  SHARE_NOT_NEEDED: 'Enough shares are already entered; this one is not needed.',
  SHARE_OTHER_SET:
    'This share belongs to another set of cards than the shares entered so far. Check the set printed on the card.',
  SHARE_NOT_FOUND: 'This key has no share with that number.',
  SHARES_INSUFFICIENT: 'No share was given. Enter the shares of the quorum.',
  SHARES_INVALID:
    'These shares do not rebuild a valid key. Check that they all come from the same set of cards.',
  SHARES_PARAMS_INVALID: 'These shares were made with settings Airlock cannot use.',
  PASSPHRASE_INVALID: 'A passphrase may only contain printable letters, digits and signs (ASCII).',
  SECRET_INVALID: 'The key secret has an invalid length.',
  // Creating a key and printing its cards
  KEY_CREATION_OPEN: 'A key is still being created. Print its cards and finish, or abandon it.',
  NO_KEY_CREATION: 'No new key is being created.',
  KEY_SPLIT_FAILED: 'The new shares did not rebuild the key, so nothing was kept. Create the key again.',
  DICE_INVALID: 'Dice rolls are digits from 1 to 6.',
  CARDS_UNPRINTED:
    'Some share cards are not printed yet. Print them all before finishing, or abandon the key.',
  PRINT_CANCELLED: 'The card was not printed. Print it again.',
  PRINT_FAILED: 'The share card could not be printed. Check the printer and try again.',
  NO_PRINTER: 'Share cards cannot be printed from this window.',
  COSIGNER_UNFINISHED: 'This key’s share cards were not all printed. It must not be used in a wallet.',
  COSIGNER_EXISTS: 'A key with this fingerprint is already recorded on this device.',
  COSIGNER_FINISHED: 'This key is finished; its record is kept.',
  COSIGNER_NOT_FOUND: 'No key with this fingerprint was created on this device.',
  COSIGNER_NO_SCRIPT: 'This key has no account for that script type.',
  COSIGNER_AMBIGUOUS: 'Several keys were created on this device. Choose one by its fingerprint.',
  ACCOUNT_INVALID: 'The account number is not valid.',
  // Wallets
  WALLET_NOT_FOUND: 'No wallet is registered under this name.',
  WALLET_NAME_TAKEN:
    'A different wallet is already registered under this name. Type another name in the Name field.',
  WALLET_NAME_INVALID:
    'A wallet name has 1 to 64 letters, digits, dots, dashes or underscores, and starts with a letter or digit.',
  WALLET_ALREADY_REGISTERED:
    'This wallet is already registered under another name. A wallet is registered once.',
  WALLET_WITHOUT_DEVICE_KEY:
    "This wallet holds none of this device's keys, so this device cannot sign for it. Confirm to register it anyway.",
  WALLET_NOT_SEALED: 'This wallet is not in the sealed configuration yet. A quorum must accept it first.',
  WALLET_FILE_INVALID: 'This file holds no wallet Airlock can read.',
  WALLET_FILE_TOO_LARGE: 'This wallet file is too large.',
  WALLET_FILE_ENCRYPTED:
    'This Electrum wallet file is encrypted with a password. Export the multisig setup from Electrum or the Coldcard instead.',
  WALLET_FILE_UNSUPPORTED: 'This Electrum wallet is not a multisig wallet.',
  DESCRIPTOR_INVALID: 'This wallet description is malformed.',
  DESCRIPTOR_CHECKSUM:
    'The checksum of this wallet description is wrong: it was changed or copied incompletely.',
  DESCRIPTOR_UNSUPPORTED: 'Only multisig wallets (P2WSH, P2SH-P2WSH or P2SH) can be registered.',
  BSMS_INVALID: 'This BSMS record is malformed.',
  BSMS_UNSUPPORTED:
    'This BSMS record uses other derivation paths than the standard receive and change chains.',
  BSMS_ADDRESS_INVALID: 'The first address of this BSMS record is not valid for its network.',
  BSMS_ADDRESS_MISMATCH:
    'The first address of this BSMS record is not the one its keys give. It was changed; do not use it.',
  BSMS_ADDRESS_MISSING: 'This BSMS record gives no first address, so its keys cannot be checked.',
  EXTENDED_KEY_INVALID: 'A cosigner key is malformed or its checksum is wrong.',
  PRIVATE_KEY_REFUSED: 'This holds a private key. Airlock accepts only public keys here.',
  SINGLESIG_KEY: 'A cosigner key is a single-signature key. Export the multisig key instead.',
  SLIP132_MISMATCH: 'A cosigner key was made for another script type than this wallet.',
  MIXED_NETWORKS: 'The cosigners mix mainnet and test network keys.',
  DUPLICATE_KEY: 'Two cosigners have the same key.',
  TOO_MANY_KEYS: 'A multisig wallet holds at most 15 keys.',
  THRESHOLD_INVALID: 'The number of signatures needed is not between 1 and the number of keys.',
  KEY_ORIGIN_MISSING:
    'No cosigner key says where it comes from (fingerprint and path), so no coin can be matched.',
  KEY_ORIGIN_MISMATCH: "A cosigner key's path does not match the key.",
  KEY_NOT_IN_WALLET: 'This key is not one of the cosigners of this wallet.',
  FINGERPRINT_INVALID: 'A fingerprint is 8 hexadecimal digits.',
  PATH_INVALID: 'A derivation path is malformed.',
  ADDRESS_INVALID: 'This is not a Bitcoin address.',
  ADDRESS_NOT_FOUND: 'This address is not among the addresses checked for the registered wallets.',
  BAD_ARGUMENTS: 'A value entered is out of range. Check it and try again.',
  // The transaction
  PSBT_INVALID: 'This transaction (PSBT) is malformed.',
  PSBT_TOO_LARGE: 'This transaction (PSBT) is too large.',
  PSBT_NO_INPUTS: 'This transaction spends no coins: there is nothing to review.',
  AMOUNT_INVALID: 'An output has an impossible amount.',
  NEGATIVE_FEE: 'The outputs spend more than the inputs hold.',
  DUPLICATE_INPUT: 'Two inputs spend the same coin.',
  UTXO_TXID_MISMATCH: "An input's previous transaction is not the one it spends. The transaction is refused.",
  UTXO_VOUT_MISSING: 'An input spends an output its previous transaction does not have.',
  WITNESS_UTXO_MISMATCH:
    "An input's stated amount disagrees with its previous transaction. The transaction is refused.",
  NON_WITNESS_UTXO_REQUIRED:
    'A legacy P2SH input comes without its previous transaction, so its amount is unproven.',
  WITNESS_INVALID: 'An input carries a malformed signature record.',
  SCRIPT_INVALID: "An input's signature does not prove the coin it spends.",
  SCRIPT_UNSUPPORTED: 'An input spends a script that is not multisig.',
  SIGNATURE_INVALID: 'The signature is malformed.',
  NOT_A_MESSAGE: 'This looks like a signed message (BIP-322) but is not one.',
  NOT_A_PROOF_OF_RESERVES: 'This looks like a proof of reserves (BIP-127) but is not one.',
  NOT_FINALIZED: 'The message is not finalised, so it cannot be checked.',
  // The wallet's policy and the rules that refuse by default (shown on the review)
  DESTINATION_NOT_ALLOWED: 'An output pays an address that is not an allowed destination of this wallet.',
  OVER_TX_LIMIT: 'This transaction sends more than the limit per transaction.',
  OVER_DAILY_LIMIT: 'With this transaction, more than the limit per 24 hours would be signed out.',
  FEE_UNKNOWN: 'The fee cannot be checked against the policy because an input amount is missing.',
  FEE_TOO_HIGH: "The fee is above the policy's cap.",
  FEE_RATE_TOO_HIGH: "The fee rate is above the policy's cap.",
  UNKNOWN_APPROVER: 'An approval came from someone who is not an approver of this wallet.',
  CROSS_OWNER_TRANSFER:
    'An output moves funds to a wallet of another owner class, which the policy does not allow.',
  CROSS_OWNER_APPROVALS_MISSING:
    'A transfer to a wallet of another owner class needs approvals that are missing.',
  UNPROVEN_AMOUNT:
    "An input's amount is not proven by its previous transaction, and the wallet's sealed policy does not allow that.",
  FRAUDULENT_CHANGE: "An output claims to be this wallet's change but is not. Signing is refused.",
  // QR codes
  QR_SESSION_DONE: 'This QR code was already read in full. Start a new scan for another one.',
  QR_UNKNOWN_FORMAT: 'This QR code is not a format Airlock reads.',
  QR_PARTS_UNVERIFIED:
    'The QR frames do not yet add up to data that checks out; a frame was probably read damaged. Keep scanning.',
  QR_CORRUPT: 'A QR code frame is damaged. Keep scanning.',
  QR_EMPTY: 'There is nothing to show as a QR code.',
  QR_MIXED_SESSION: 'A QR frame of another transaction was scanned. Scan only one transaction at a time.',
  QR_TOO_LARGE: 'This is too large for QR codes.',
  QR_UNSUPPORTED: 'This QR code format is not supported.',
  UR_INVALID: 'This QR code is malformed.',
  UR_UNSUPPORTED: 'This QR code holds no wallet.',
  CBOR_INVALID: 'This QR code is malformed.',
  // The sealed configuration and the files
  SEAL_MISSING:
    'This device is not sealed yet. A quorum must accept its configuration before anything is signed.',
  SEAL_BROKEN:
    'Files of this device changed without the quorum. Nothing is signed until the files are restored or a quorum accepts them.',
  SEAL_CHANGED: 'The sealed configuration changed during this ceremony. Review the transaction again.',
  CONFIG_UNREADABLE: 'A configuration file cannot be read, so it cannot be sealed.',
  POLICY_INVALID: 'The policy is not valid.',
  POLICY_WRONG_WALLET: 'This policy is for another wallet.',
  FILE_CORRUPT: 'A file of the data directory is damaged. It was left as it is.',
  FILE_UNREADABLE: 'A file of the data directory cannot be read.',
  AUDIT_LOCKED: 'The audit log is in use by another program. Close it and try again.',
  AUDIT_TAMPERED:
    'The audit log does not verify: it was changed. Nothing can be counted from it until it is restored.',
  REPORT_STALE: 'The audit log has changed since the report was shown. It is reloaded: print it again.',
  AUDIT_BELOW_SEALED_HEAD:
    'The audit log ends before the entry the seal recorded: it was cut short, deleted or replaced by an older copy. Nothing can be counted from it until it is restored.',
  // The app itself
  BAD_REQUEST: 'The app could not read what was entered. Check it and try again.',
  BAD_RESPONSE: 'The app received an answer it could not read. Nothing was signed.',
  FOREIGN_SENDER: 'The request did not come from the app. It was refused.',
  INTERNAL: 'Something went wrong inside the app; nothing was signed.',
  NO_BRIDGE: 'The app cannot reach its main process. Restart it.',
  NO_CAMERA: 'No usable camera was found. Connect a camera to scan QR codes.',
  CAMERA_DENIED: 'Camera access was denied. Allow the camera to scan QR codes.',
  CAMERA_FAILED: 'The camera could not be started.',
  CAMERA_UNSUPPORTED: 'This window cannot use a camera.',
  DECODER_FAILED: 'The QR code reader could not start.',
  unexpected: 'Something went wrong; nothing was signed.',
} as const;
