"""Independent reference: Electrum itself opens a multisig wallet file and derives its first addresses.

Reads JSON from stdin: {"net": "mainnet" | "testnet", "files": [wallet file text, ...]}
Writes JSON to stdout: [{"m", "n", "txinType", "receive", "change"}, ...] for receive and change index 0.
Hardware keystores (Coldcard) need their plugin to load; they are opened as watching-only BIP-32
keystores with the same xpub, which derive the same keys.
"""
import json
import os
import sys
import tempfile

from electrum import constants, util
from electrum.simple_config import SimpleConfig
from electrum.storage import WalletStorage
from electrum.wallet import Wallet
from electrum.wallet_db import WalletDB


def watching(document):
    for key, keystore in document.items():
        if key.startswith("x") and isinstance(keystore, dict) and keystore.get("type") == "hardware":
            document[key] = {
                "type": "bip32",
                "xpub": keystore["xpub"],
                "xprv": None,
                "derivation": keystore.get("derivation"),
                "root_fingerprint": keystore.get("root_fingerprint"),
            }
    return document


def first_addresses(text, config, directory):
    db = WalletDB(json.dumps(watching(json.loads(text))), manual_upgrades=False)
    wallet = Wallet(db, WalletStorage(os.path.join(directory, "wallet")), config=config)
    return {
        "m": wallet.m,
        "n": wallet.n,
        "txinType": wallet.txin_type,
        "receive": wallet.derive_address(False, 0),
        "change": wallet.derive_address(True, 0),
    }


request = json.load(sys.stdin)
if request["net"] == "testnet":
    constants.set_testnet()
loop, stop_loop, loop_thread = util.create_and_start_event_loop()
try:
    directory = tempfile.mkdtemp()
    config = SimpleConfig({"electrum_path": directory})
    print(json.dumps([first_addresses(text, config, directory) for text in request["files"]]))
finally:
    loop.call_soon_threadsafe(stop_loop.set_result, 1)
    loop_thread.join(timeout=5)
