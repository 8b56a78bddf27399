import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigItemWords, PolicyWords } from '../../../renderer/components/PolicyWords';
import { SealNotice } from '../../../renderer/components/SealNotice';
import { LanguageProvider } from '../../../renderer/i18n';
import type { ConfigItem, ConfigStatusView } from '../../../src/ipc/models';
import { PolicySchema } from '../../../src/policy/schema';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const sealed: ConfigStatusView = {
  sealed: true,
  sealedBy: '828ecab2',
  head: `7:${'ab'.repeat(32)}`,
  differences: [],
  changes: [],
  toBeSealed: [],
  approvalsNeeded: [],
  changeItems: [],
  toBeSealedItems: [],
  airgap: { allowNetwork: false, reason: null },
  approvedBy: [],
};
const notice = (config: ConfigStatusView, showFirstSeal = true) =>
  renderToStaticMarkup(createElement(SealNotice, { config, showFirstSeal, onOpen: null }));

describe('a policy in plain words', () => {
  it('says every rule, the ones it does not set too', () => {
    const policy = PolicySchema.parse({
      wallet: 'treasury',
      approvals: { required: 2, approvers: ['alice', 'bob', 'carol'] },
      allowedDestinations: [
        { address: 'tb1qexampleexampleexampleexample0000' },
        { descriptor: 'wpkh([0f056943/84h/1h/0h]tpubHotWallet/0/*)', label: 'hot wallet' },
      ],
      fees: { maxFeeRate: 25 },
      crossOwnerTransfers: { to: ['ops'], approvals: { required: 1, approvers: ['carol'] } },
    });
    expect(text(renderToStaticMarkup(createElement(PolicyWords, { policy })))).toBe(
      [
        '2 of alice, bob, carol must approve',
        'Payments only to 2 allowed destination(s): tb1qexampleexampleexampleexample0000 wallet descriptor hot wallet',
        'No limit on amounts',
        'Fee rate at most 25 sat/vB',
        'Inputs whose amount is not proven by the previous transaction are refused',
        'Transfers to wallets of another owner allowed to: ops; such a transfer needs 1 of carol',
      ].join(' '),
    );
  });

  it('says an explicit "no policy" in one line', () => {
    expect(text(renderToStaticMarkup(createElement(PolicyWords, { policy: null })))).toBe(
      'No policy: no approvals, no limits, any destination.',
    );
  });
});

describe('what the seal means for signing, on Home, Key shares and Sign', () => {
  it('names each difference of a broken seal, in the screen’s language', () => {
    const broken = { ...sealed, differences: [{ code: 'AIRGAP_EDITED' as const, params: {} }] };
    const html = notice(broken);
    expect(html).toContain('data-seal-notice="broken"');
    expect(html).toContain('<li data-difference="AIRGAP_EDITED">The air-gap settings were edited.</li>');
    expect(text(html)).toContain('nothing can be signed');
    vi.stubGlobal('localStorage', { getItem: () => 'ja', setItem: () => {} });
    const inJapanese = createElement(SealNotice, { config: broken, showFirstSeal: true, onOpen: null });
    const japanese = renderToStaticMarkup(createElement(LanguageProvider, null, inJapanese));
    vi.unstubAllGlobals();
    expect(japanese).toContain('<li data-difference="AIRGAP_EDITED">エアギャップ設定が編集されました。</li>');
    expect(japanese).not.toContain('lang="en"');
  });

  it('lists what a first seal will cover before the quorum makes it', () => {
    const html = notice({
      ...sealed,
      sealed: false,
      sealedBy: null,
      head: null,
      toBeSealedItems: [
        { kind: 'approver-enrol', name: 'alice' },
        { kind: 'airgap', settings: { allowNetwork: false, reason: null } },
      ],
    });
    expect(text(html)).toBe(
      'This device is not sealed yet. The quorum entered for this signature seals it first: Enrol approver alice Refuse signing while a network is up',
    );
    expect(notice({ ...sealed, sealed: false }, false)).toContain('data-seal-notice="unsealed"');
  });

  it('counts the changes waiting for the quorum, and says nothing when all is sealed', () => {
    expect(text(notice({ ...sealed, changeItems: [{ kind: 'approver-remove', name: 'bob' }] }))).toBe(
      '1 staged change waits for the quorum.',
    );
    expect(notice(sealed)).toBe('');
  });
});

/** One change in the language chosen on Home (remembered in localStorage). */
function itemIn(language: 'en' | 'ja', item: ConfigItem): string {
  vi.stubGlobal('localStorage', { getItem: () => language, setItem: () => {} });
  const words = createElement(ConfigItemWords, { item });
  return text(renderToStaticMarkup(createElement(LanguageProvider, null, words)));
}

describe('the change kinds of the core rules in plain words', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('words an approver unlock the quorum must accept, in English and Japanese', () => {
    const unlock: ConfigItem = { kind: 'approver-unlock', name: 'alice', by: 'bob' };
    expect(itemIn('en', unlock)).toBe('Unlock approver alice (asked by bob)');
    expect(itemIn('ja', unlock)).toBe('承認者 alice のロックを解除(bob が申請)');
  });

  it('words a wallet owner class, in English and Japanese', () => {
    const owner: ConfigItem = { kind: 'wallet-owner', wallet: 'treasury', owner: 'company' };
    expect(itemIn('en', owner)).toBe('Set the owner class of wallet treasury: company funds');
    expect(itemIn('ja', owner)).toBe('ウォレット treasury の所有者区分を設定: 会社の資金');
  });
});
