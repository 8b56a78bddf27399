"""Independent reference: multisig addresses derived by Electrum's own BIP-32, script and address code.

Reads JSON from stdin: [{"xpubs": [...], "m": 2, "sorted": true, "txinType": "p2wsh" | "p2wsh-p2sh" | "p2sh",
"net": "mainnet" | "testnet" | "regtest", "points": [[chain, index], ...]}, ...]
Writes JSON to stdout: one list of addresses per wallet, in the order of its points.
"""
import json
import sys

from electrum import bip32, bitcoin, constants, transaction

NETS = {
    "mainnet": constants.BitcoinMainnet,
    "testnet": constants.BitcoinTestnet,
    "regtest": constants.BitcoinRegtest,
}


def addresses(wallet):
    net = NETS[wallet["net"]]
    nodes = [bip32.BIP32Node.from_xkey(x, net=net) for x in wallet["xpubs"]]
    out = []
    for chain, index in wallet["points"]:
        pubkeys = [n.subkey_at_public_derivation([chain, index]).eckey.get_public_key_hex() for n in nodes]
        if wallet["sorted"]:
            pubkeys = sorted(pubkeys)
        script = transaction.multisig_script(pubkeys, wallet["m"])
        out.append(bitcoin.redeem_script_to_address(wallet["txinType"], script, net=net))
    return out


print(json.dumps([addresses(w) for w in json.load(sys.stdin)]))
