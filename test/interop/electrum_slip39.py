"""Electrum's own SLIP-39 code as an independent reference: shares -> master secret -> BIP-48 account keys.

Reads a JSON list of {"network", "passphrase", "mnemonics", "paths"} on stdin; prints a JSON list of
{"fingerprint", "keys": {path: xpub}}, one per request, from one process (Electrum loads slowly).
Run with Debian's /usr/bin/python3 (python3-electrum).
"""
import json
import sys

from electrum import constants, slip39
from electrum.bip32 import BIP32Node


def keys_for(request):
    if request["network"] == "mainnet":
        constants.set_mainnet()
    else:
        constants.set_testnet()
    encrypted = slip39.recover_ems(request["mnemonics"])
    seed = encrypted.decrypt(request["passphrase"])
    root = BIP32Node.from_rootseed(seed, xtype="standard")
    keys = {path: root.subkey_at_private_derivation(path).to_xpub() for path in request["paths"]}
    return {"fingerprint": root.calc_fingerprint_of_this_node().hex(), "keys": keys}


print(json.dumps([keys_for(request) for request in json.load(sys.stdin)]))
