"""Debian's Electrum (python3-electrum) as another cosigner of an Airlock multisig wallet.

Reads one JSON request on stdin and prints one JSON answer on stdout. Run with /usr/bin/python3.
Every request names the wallet: {"network", "xtype": "p2wsh" | "p2wsh-p2sh" | "standard" (legacy P2SH), "threshold",
"cosigners": [{"xpub", "fingerprint", "path"}]}. Operations:
  {"op": "addresses", "indexes": [[chain, index], ...]}         -> {"addresses": [...]}
  {"op": "sign", "mnemonic", "psbt", "indexes"?}    -> {"psbt" (base64), "complete", "tx" (hex, when complete)}
  {"op": "finalize", "psbt", "indexes"?}             -> the same, without signing
  {"op": "combine", "psbts": [base64, ...], "indexes"?}  -> the same: Electrum's combiner merges the PSBTs into the
      first, then (as its wallet window does) adds the wallet's information and finalizes when complete
  {"op": "make", "funding": [tx hex], "outputs": [{"script", "amount"}], "fee", "indexes"}
      Electrum as the coordinator: it learns the funding transactions, picks coins and its own change
      address, and answers {"psbt" (unsigned), "fee", "outputs": [{"script", "amount", "change"}]}
"""
import base64
import json
import os
import sys
import tempfile
import traceback

from electrum import constants, keystore, util
from electrum.bip32 import BIP32Node
from electrum.simple_config import SimpleConfig
from electrum.storage import WalletStorage
from electrum.transaction import PartialTxOutput, Transaction, tx_from_any
from electrum.wallet import Multisig_Wallet
from electrum.wallet_db import WalletDB


def electrum_xpub(xpub, xtype):
    # Electrum keeps the script type in the key's version bytes (Zpub/Vpub, Ypub/Upub).
    return BIP32Node.from_xkey(xpub)._replace(xtype=xtype).to_xpub()


def make_wallet(request, signer_mnemonic=None):
    xtype = request["xtype"]
    keystores = []
    for cosigner in request["cosigners"]:
        if signer_mnemonic is not None:
            candidate = keystore.from_bip43_rootseed(
                keystore.bip39_to_seed(signer_mnemonic, ""), cosigner["path"], xtype=xtype
            )
            if candidate.get_master_public_key() == electrum_xpub(cosigner["xpub"], xtype):
                keystores.append(candidate)
                continue
        ks = keystore.from_xpub(electrum_xpub(cosigner["xpub"], xtype))
        ks.add_key_origin(derivation_prefix=cosigner["path"], root_fingerprint=cosigner["fingerprint"])
        keystores.append(ks)
    if signer_mnemonic is not None and not any(k.may_have_password() for k in keystores):
        raise SystemExit("the signer mnemonic is not a cosigner of this wallet")
    directory = tempfile.mkdtemp(prefix="airlock-electrum-")
    # No change-value rounding: the fee stays exactly the one requested.
    config = SimpleConfig({"electrum_path": directory, "offline": True, "coin_chooser_output_rounding": False})
    db = WalletDB("", manual_upgrades=False)
    db.put("wallet_type", "%dof%d" % (request["threshold"], len(keystores)))
    for i, ks in enumerate(keystores):
        db.put("x%d/" % (i + 1), ks.dump())
    storage = WalletStorage(directory + "/wallet")
    wallet = Multisig_Wallet(db, storage, config=config)
    wallet.synchronize()
    return wallet


def reach_index(wallet, chain, index):
    addresses = wallet.get_change_addresses if chain == 1 else wallet.get_receiving_addresses
    while len(addresses()) <= index:
        wallet.create_new_address(for_change=chain == 1)
    return addresses()[index]


def main():
    request = json.load(sys.stdin)
    if request["network"] == "testnet":
        constants.set_testnet()
    elif request["network"] == "regtest":
        constants.set_regtest()
    elif request["network"] == "signet":
        constants.set_signet()
    util.create_and_start_event_loop()
    op = request["op"]
    if op == "addresses":
        wallet = make_wallet(request)
        answer = {"addresses": [reach_index(wallet, c, i) for c, i in request["indexes"]]}
    elif op in ("sign", "finalize"):
        wallet = make_wallet(request, request.get("mnemonic") if op == "sign" else None)
        for chain, index in request.get("indexes", []):
            reach_index(wallet, chain, index)
        tx = tx_from_any(request["psbt"])
        if op == "sign":
            wallet.sign_transaction(tx, None)
        complete = tx.is_complete()
        psbt = base64.b64encode(tx.serialize_as_bytes(force_psbt=True)).decode("ascii")
        answer = {"complete": complete, "psbt": psbt, "tx": tx.serialize_to_network() if complete else None}
    elif op == "combine":
        wallet = make_wallet(request)
        for chain, index in request.get("indexes", []):
            reach_index(wallet, chain, index)
        tx = tx_from_any(request["psbts"][0])
        for other in request["psbts"][1:]:
            tx.combine_with_other_psbt(tx_from_any(other))
        tx.add_info_from_wallet(wallet)
        tx.finalize_psbt()
        complete = tx.is_complete()
        psbt = base64.b64encode(tx.serialize_as_bytes(force_psbt=True)).decode("ascii")
        answer = {"complete": complete, "psbt": psbt, "tx": tx.serialize_to_network() if complete else None}
    elif op == "make":
        wallet = make_wallet(request)
        for chain, index in request["indexes"]:
            reach_index(wallet, chain, index)
        for raw in request["funding"]:
            if not wallet.adb.add_transaction(Transaction(raw)):
                raise SystemExit("a funding transaction pays none of the wallet's addresses")
        outputs = [PartialTxOutput(scriptpubkey=bytes.fromhex(o["script"]), value=o["amount"]) for o in request["outputs"]]
        tx = wallet.create_transaction(outputs, fee=request["fee"], unsigned=True, rbf=True)
        tx.add_info_from_wallet(wallet)
        psbt = base64.b64encode(tx.serialize_as_bytes(force_psbt=True)).decode("ascii")
        answer = {
            "psbt": psbt,
            "fee": tx.get_fee(),
            "outputs": [
                {"script": o.scriptpubkey.hex(), "amount": o.value, "change": wallet.is_change(o.address)}
                for o in tx.outputs()
            ],
        }
    else:
        raise SystemExit("unknown op " + op)
    print(json.dumps(answer))
    sys.stdout.flush()


# os._exit because Electrum's event loop thread would keep the process alive; it also skips Python's
# own error report, so the failure is printed here.
status = 0
try:
    main()
except BaseException as error:  # noqa: BLE001 - every failure must reach the test's stderr
    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    status = 1
sys.stdout.flush()
sys.stderr.flush()
os._exit(status)
