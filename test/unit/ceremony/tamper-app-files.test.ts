import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditPath } from '../../../src/audit/log';
import { airgapFile, approversFile, policyFile } from '../../../src/ceremony/configuration';
import { sealPath } from '../../../src/ceremony/seal';
import { walletId } from '../../../src/wallet/identity';
import { tempDir } from '../../helpers/cli';
import { lookalikeWallet, OUTSIDER_MNEMONIC } from '../../helpers/multisig-psbt';
import { ceremony, expectRefused, sealedApp, wallet } from './app-fixture';

/**
 * The tamper list through the app handlers, as tamper-cli runs it through the CLI: each
 * sealed file edited, replaced by a self-consistent one or deleted, and the audit log cut, deleted,
 * edited or restored from an older copy. Each is refused before any signature, and audited.
 */

const walletFile = (dataDir: string, name: string) => join(dataDir, 'wallets', `${name}.json`);
const auditLines = (dataDir: string) => readFileSync(auditPath(dataDir), 'utf8').split('\n').filter(Boolean);
const writeLines = (dataDir: string, lines: string[]) =>
  writeFileSync(auditPath(dataDir), `${lines.join('\n')}\n`);

const tampers: Array<{ what: string; tamper: (dataDir: string) => void; code: string; says: RegExp }> = [
  {
    what: 'a sealed wallet file replaced by a different, self-consistent wallet',
    tamper: (dataDir) => {
      const other = lookalikeWallet();
      writeFileSync(walletFile(dataDir, 'reserve'), JSON.stringify({ ...other, name: 'reserve' }));
    },
    code: 'SEAL_BROKEN',
    says: /the wallet file reserve\.json was replaced by a different wallet/,
  },
  {
    what: 'a sealed wallet file edited (its owner class)',
    tamper: (dataDir) => {
      const registration = JSON.parse(readFileSync(walletFile(dataDir, 'reserve'), 'utf8'));
      writeFileSync(walletFile(dataDir, 'reserve'), JSON.stringify({ ...registration, owner: 'company' }));
    },
    code: 'SEAL_BROKEN',
    says: /the wallet file reserve\.json was edited/,
  },
  {
    what: 'a sealed wallet file deleted',
    tamper: (dataDir) => rmSync(walletFile(dataDir, 'reserve')),
    code: 'SEAL_BROKEN',
    says: /the wallet file reserve\.json was deleted/,
  },
  {
    what: 'the policy file deleted',
    tamper: (dataDir) => rmSync(policyFile(dataDir, walletId(wallet))),
    code: 'SEAL_BROKEN',
    says: /the policy file of wallet treasury was deleted/,
  },
  {
    what: 'the approvers file deleted',
    tamper: (dataDir) => rmSync(approversFile(dataDir)),
    code: 'SEAL_BROKEN',
    says: /approver alice's record was deleted/,
  },
  {
    what: 'the air-gap settings deleted',
    tamper: (dataDir) => rmSync(airgapFile(dataDir)),
    code: 'SEAL_BROKEN',
    says: /the air-gap settings file was deleted/,
  },
  {
    what: 'the air-gap settings edited to allow the network',
    tamper: (dataDir) =>
      writeFileSync(airgapFile(dataDir), JSON.stringify({ allowNetwork: true, reason: 'me' })),
    code: 'SEAL_BROKEN',
    says: /the air-gap settings were edited/,
  },
  {
    what: 'the seal file edited',
    tamper: (dataDir) => {
      const seal = JSON.parse(readFileSync(sealPath(dataDir), 'utf8'));
      seal.configuration.wallets[walletId(wallet)].policy = null;
      writeFileSync(sealPath(dataDir), JSON.stringify(seal));
    },
    code: 'SEAL_BROKEN',
    says: /the seal does not verify/,
  },
  {
    what: 'the audit log cut short (its last signature removed)',
    tamper: (dataDir) => {
      const lines = auditLines(dataDir);
      writeLines(
        dataDir,
        lines.slice(
          0,
          lines.findLastIndex((l) => l.includes('"event":"signed"')),
        ),
      );
    },
    code: 'SEAL_BROKEN',
    says: /the audit log diverges from its sealed head/,
  },
  {
    what: "the audit log's last line edited",
    tamper: (dataDir) => {
      const lines = auditLines(dataDir);
      lines[lines.length - 1] = lines.at(-1)!.replace('"sent":1000000', '"sent":1');
      writeLines(dataDir, lines);
    },
    code: 'SEAL_BROKEN',
    says: /the audit log/,
  },
];

describe('the app refuses to sign after each tamper of the issue, and audits it', () => {
  for (const { what, tamper, code, says } of tampers) {
    it(what, async () => {
      const { dataDir, handlers } = await sealedApp({ reserve: true });
      tamper(dataDir);
      await expectRefused(handlers, dataDir, code, says);
      if (code === 'SEAL_BROKEN') expect(readFileSync(auditPath(dataDir), 'utf8')).toContain('"seal-broken"');
    });
  }

  it('an older copy of the audit log restored after a signature', async () => {
    const { dataDir, handlers } = await sealedApp();
    const older = join(tempDir(), 'older.jsonl');
    copyFileSync(auditPath(dataDir), older);
    expect((await ceremony(handlers, 500_000n)).ok).toBe(true);
    copyFileSync(older, auditPath(dataDir));
    await expectRefused(handlers, dataDir, 'SEAL_BROKEN', /the audit log is shorter than its sealed head/);
  });

  it('a seal made with another key put in place of this one', async () => {
    const { dataDir, handlers } = await sealedApp();
    const { acceptChanges } = await import('../../../src/ceremony/config-ceremony');
    const { seedOf } = await import('../../helpers/multisig-psbt');
    rmSync(sealPath(dataDir));
    acceptChanges({ dataDir, withSeed: (use) => use(seedOf(OUTSIDER_MNEMONIC)) });
    await expectRefused(handlers, dataDir, 'SEAL_BROKEN', /sealed by key/);
  });
});
