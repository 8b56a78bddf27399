import { codedWords } from './coded-words';
import type { Strings } from './en';
import { errorsJa } from './errors-ja';

/** 監査ログの検証で見つかった問題(コロンの後に続く句)。 */
const auditProblems: Strings['auditProblems'] = {
  AUDIT_NOT_JSON: () => 'この行は JSON として読めません',
  AUDIT_NOT_AN_ENTRY: () => 'この行には監査エントリの項目がありません',
  AUDIT_SEQUENCE: ({ found, expected }) =>
    `連番が ${expected} であるべきところ ${found} になっています(エントリが削除、挿入、または移動されています)`,
  AUDIT_CHAIN_BROKEN: () =>
    '直前のエントリのハッシュが一致しません(直前のエントリが変更されたか、この行が移動されています)',
};

/** 日本語。SLIP-39 の単語、アドレス、コード名は英語のまま(カードと同じ表記)。 */
export const ja: Strings = {
  appName: 'Airlock',
  locale: 'ja-JP',
  language: { label: '言語 (Language)', en: 'English', ja: '日本語' },
  tagline: 'エアギャップ型マルチシグ共同署名者',
  busy: '処理中…',
  nav: {
    home: 'ホーム',
    wallets: 'ウォレット',
    shares: 'シェア',
    audit: '監査ログ',
    cancel: '手続きを中止',
    cancelConfirm:
      'この署名手続きを中止しますか?承認と入力済みの鍵シェアは破棄され、担当者は最初からやり直すことになります。',
    cancelYes: 'はい、手続きを中止します',
    cancelNo: 'いいえ、続けます',
    main: 'メインメニュー',
    steps: '手続きの段階',
    back: '戻る',
  },
  airgap: {
    isolated: 'オフライン:有効なネットワークインターフェースはありません。',
    connected: (names: string) =>
      `ネットワークに接続されています(${names})。すべてのネットワーク接続を切るまで署名はできません。`,
    overridden: (names: string) =>
      `ネットワークに接続されています(${names})。定足数がエアギャップ保護の解除を封印しました。すべての署名は監査ログに記録されます。`,
    overrideWhere:
      'すべてのネットワーク接続を切ってください。それができない場合に限り、ページの末尾で保護の解除を申請できます。',
    overrideTitle: 'エアギャップ保護の解除を申請する(定足数の承認が必要です。監査ログに記録されます)',
    overrideLabel: 'エアギャップ保護を解除する理由',
    overrideButton: '解除を申請する',
  },
  announce: { step: (n: number, of: number, name: string) => `${of} 段階中の ${n}:${name}` },
  steps: ['スキャン', '確認', '承認', '鍵シェア', '署名', 'QR表示', '完了'],
  home: {
    title: '署名手続き',
    noWallet: 'ウォレットが選ばれていません。「ウォレット」で登録するか選んでください。',
    setupTitle: '初回設定(この順番で)',
    setup: [
      '「シェア」でこの端末の鍵を作成し、担当者ごとにシェアカードを印刷する。',
      'この端末の鍵をコーディネーターに渡す:「ウォレット」の「この共同署名者の鍵」。',
      'コーディネーターが共同署名者の鍵から作ったウォレットを、確認したうえで「ウォレット」で登録する。',
      '承認者を登録し、ウォレットのポリシーを設定する。鍵のクォーラムがそれを承認する。',
    ],
    setupDone: '完了',
    wallet: (name: string, m: number, n: number, network: string) =>
      `${name}:${network} の ${m}-of-${n} マルチシグ`,
    start: '開始:取引をスキャンする',
    chooseWallet: 'ウォレットを選ぶ',
  },
  scan: {
    title: '取引をスキャン',
    hint: 'コーディネーターのアニメーションQRコードをカメラにかざしてください。',
    progress: (seen: number, needed: number | null) =>
      needed === null
        ? `${seen} 個のパートを読み取り済み`
        : `${needed} 個中 ${seen} 個のパートを読み取り済み`,
    format: (format: string) => `形式:${format}`,
    orPaste: 'または PSBT(base64 または 16 進)を貼り付けるか、ファイルを開く',
    pasteLabel: 'PSBT テキスト',
    load: 'この PSBT を読み込む',
    openFile: 'PSBT ファイルを開く',
    wordsRefused:
      '鍵シェアカードやシードフレーズと同じく単語の並びなので、読み取りませんでした。鍵シェアは「鍵シェア」の段階でだけ入力してください。',
    cameraErrors: {
      NO_CAMERA: '使えるカメラが見つかりません。QRコードを読むにはカメラを接続してください。',
      CAMERA_DENIED: 'カメラの使用が拒否されました。QRコードを読むにはカメラを許可してください。',
      CAMERA_UNSUPPORTED: 'このウィンドウではカメラを使えません。',
      CAMERA_FAILED: 'カメラを起動できませんでした。',
      DECODER_FAILED: 'QRデコーダーを読み込めませんでした。Airlock を再起動してください。',
    },
  },
  networks: {
    mainnet: 'ビットコイン メインネット',
    testnet: 'テストネット',
    signet: 'シグネット',
    regtest: 'regtest',
  },
  review: {
    title: '取引の確認',
    computing: 'ウォレットと照合して取引を確認しています…',
    wallet: 'ウォレット',
    network: 'ネットワーク',
    txid: '取引 ID',
    psbtHash: 'PSBT ハッシュ',
    number: '番号',
    inputs: 'インプット',
    outputs: 'アウトプット',
    outpoint: 'コイン',
    amount: '金額',
    ours: 'このウォレット',
    proven: '金額の証明',
    address: 'アドレス',
    kind: '種類',
    yes: 'はい',
    no: 'いいえ',
    unknown: '不明',
    noAddress: '(アドレスなし:データ出力)',
    kinds: {
      change: 'おつり(このウォレットへ戻る)',
      external: '外部への支払い',
      allowed: '許可された送金先',
      transfer: '登録済みウォレットへの振替',
    },
    transferTo: (wallet: string, owner: string | null) =>
      `登録済みウォレット ${wallet} へ(${owner ?? '所有区分が未設定'})`,
    sent: '他者への送金額',
    change: 'おつり',
    fee: '手数料',
    feeRate: '手数料率',
    feeRateValue: (rate: number) => `${rate.toFixed(1)} sat/vB`,
    size: '署名後のサイズ',
    sizeValue: (vsize: number) => `${vsize} vB`,
    signatures: '署名',
    signaturesValue: (present: number, perInput: number, inputs: number) =>
      inputs === 0
        ? '署名するこのウォレットのインプットはありません'
        : `このウォレットの ${inputs} 個のインプットはそれぞれ ${perInput} 個の署名が必要です。現在 ${present} 個あります。この鍵が各インプットに 1 個加えます。`,
    feeShare: (percent: number, ofSent: boolean) => `(${ofSent ? '送金額' : '使用額'}の ${percent}%)`,
    inputsSummary: (count: number, ours: number, proven: number) =>
      `インプット ${count} 個、${ours === count ? 'すべてこのウォレットのもの' : `うち ${ours} 個がこのウォレットのもの`}、${
        proven === count ? 'すべての金額が証明済み' : `${count - proven} 個は金額が未証明`
      }。合計`,
    showInputs: (count: number) => `${count} 個のインプットをすべて表示`,
    warnings: '警告',
    violations: 'ポリシー違反:署名は拒否されます',
    confirm: '内容は正しい:次へ進む',
    refused: 'この取引は拒否されました',
  },
  purpose: {
    proofTitle: '準備金の証明',
    proofMessage: (message: string) => `メッセージ:「${message}」`,
    proves: '証明する額',
    inCoins: (coins: number, wallet: string) => `(ウォレット ${wallet} の ${coins} 個のコイン)`,
    neverConfirmed: 'この取引は決して承認されません:コインは動かず、支払いも行われません。',
    messageTitle: 'メッセージに署名',
    message: (message: string) => `メッセージ:「${message}」`,
    messageHashOnly: (hash: string) => `PSBT にはメッセージのハッシュだけが含まれています:${hash}`,
    forAddress: (address: string, wallet: string) => `ウォレット ${wallet} のアドレス ${address} について`,
    nothingPaid: '支払いはありません:署名はこのアドレスを管理していることを証明します。',
  },
  verifyAddress: {
    title: 'アドレスを確認',
    hint: 'アドレスまたは bitcoin: URI を貼り付けるかスキャンして、登録済みウォレットのものか確かめます。',
    input: 'アドレスまたは bitcoin: URI',
    check: '確認する',
    scan: 'アドレスQRをスキャン',
    stopScan: 'スキャンを止める',
    branches: { receive: '受取', change: 'おつり' },
    found: (wallet: string, branch: string, index: number) =>
      `ウォレット ${wallet} のものです:${branch}アドレスの ${index} 番。`,
    notFound: (range: number) =>
      `見つかりません:どの登録済みウォレットの最初の ${range.toLocaleString('ja')} 個の受取アドレスと ${range.toLocaleString('ja')} 個のおつりアドレスにも含まれません。`,
  },
  approvals: {
    title: '承認',
    needed: (done: number, required: number) => `必要な承認 ${required} 件中 ${done} 件`,
    candidates: (names: string) => `承認者:${names}`,
    name: '承認者名',
    pin: 'パスフレーズ(12 文字以上)',
    code: '認証アプリのコード',
    submit: 'この取引を承認する',
    approved: (name: string) => `${name} が承認しました`,
    approvedNow: (name: string) => `${name} の承認を記録しました。`,
    attemptsLeft: (name: string, n: number) => `${name} はロックされるまであと ${n} 回試せます。`,
    lastAttempt: (name: string) =>
      `${name} の最後の試行です:もう一度失敗すると、別の承認者が解除するまで ${name} はロックされます。PIN を確かめ、新しいコードを待ってください。`,
    locked: (name: string) =>
      `${name} は失敗が多すぎたためロックされています。別の承認者が解除する必要があります。`,
    next: '鍵シェアへ進む',
  },
  shares: {
    title: '鍵シェア',
    progress: (seen: number, needed: number | null) =>
      needed === null ? `${seen} 個のシェアを入力済み` : `${needed} 個中 ${seen} 個のシェアを入力済み`,
    wordOf: (n: number, of: number) => `${of} 語中 ${n} 語目`,
    expectedKey: (fingerprints: string) =>
      `この端末の鍵 ${fingerprints} のシェアを入力してください。フィンガープリントは各カードに印刷されています。`,
    expectedAnyKey:
      'このウォレットにあるこの端末の鍵のシェアを入力してください。フィンガープリントは各カードに印刷されています。',
    expectedSet: (set: string) =>
      `すべてのシェアは最初のシェアと同じセット ${set} のものでなければなりません。`,
    typedSet: (set: string) => `セット ${set}`,
    otherSet: (typed: string, expected: string) =>
      `このシェアはセット ${typed} のものですが、これまでのシェアはセット ${expected} です。カードを確認してください。`,
    scan: 'カードのQRコードをスキャン',
    stopScan: 'スキャンを止める',
    scanHint: 'シェアカードのQRコードをカメラにかざしてください。単語は画面に表示されません。',
    notAShare:
      'このQRコードは鍵シェアではありません。シェアカードに印刷されたQRコードをスキャンしてください。',
    suggestion: (word: string) => `Tab で補完:${word}`,
    unknownWords: (words: string) => `シェアの単語ではありません(カードのつづりを確認):${words}`,
    submit: 'このシェアを追加',
    missing: (n: number) =>
      `この鍵で署名するには、あと ${n} 個のシェアが必要です。それまで署名はできません。`,
    next: '署名へ進む',
    back: '鍵シェアに戻る(承認はそのまま)',
    label: (n: number) => `シェア ${n}:単語を一つずつ入力してください`,
    entered: (n: number) => `${n} 語を入力済み`,
    hiddenWords: '単語は入力し終えると欄から消え、単語リスト上の番号としてのみ保持されます。',
    showWords: '入力した単語を表示',
    hideWords: '単語を隠す',
    changeWord: (n: number, word: string) => `${n} 語目を直す:${word}`,
    replacing: (n: number) => `${n} 語目の代わりに入る単語を入力してください。`,
    removeLast: '最後の単語を削除',
    clear: 'すべての単語を消去',
  },
  signing: {
    title: '署名',
    summary: (wallet: string, payments: number) =>
      `最終確認:ウォレット ${wallet} が ${payments} 件の支払いを含むこの取引に署名します。すべての行をもう一度コーディネーターの画面と照らし合わせてください。`,
    sign: '今すぐ署名',
    blocked: 'ネットワーク接続中は署名できません。',
  },
  showQr: {
    title: '署名済み取引を表示',
    hint: 'このアニメーションQRコードをコーディネーターのカメラで読み取ってください。',
    frame: (i: number, n: number) => `${n} フレーム中 ${i}`,
    speed: '速度(毎秒フレーム数)',
    density: '密度',
    densities: { low: '低(読みやすい)', medium: '中', high: '高(フレームが少ない)' },
    format: '形式',
    contents: '表示する内容',
    contentsChoice: {
      full: (frames: number | null) => (frames === null ? 'PSBT 全体' : `PSBT 全体(${frames} フレーム)`),
      signatures: (frames: number | null) => (frames === null ? '署名のみ' : `署名のみ(${frames} フレーム)`),
    },
    signaturesAcceptedBy:
      '「署名のみ」は取引とこの鍵の新しい署名だけを含みます。コーディネーターが送った PSBT と結合します。受け入れが確認済み:Electrum と bitcoinjs-lib ベースのコーディネーター(テスト済み)。その他のコーディネーターは未テストです。拒否された場合は PSBT 全体を表示してください。',
    proposeSignatures: (full: number, signatures: number) =>
      `署名のみなら ${full} フレームではなく ${signatures} フレームで済みます。`,
    useSignatures: '署名のみを表示',
    save: 'フレームをファイルに保存',
    saved: (dir: string) => `${dir} に保存しました`,
    done: 'コーディネーターが受け取った:終了(finish)',
  },
  done: {
    title: '完了',
    signed: (inputs: number) => `${inputs} 個のインプットに署名しました。鍵はメモリから消去されました。`,
    hash: (hash: string) => `署名済み PSBT のハッシュ:${hash}`,
    left: (n: number) =>
      `コーディネーターの残り作業:他の共同署名者からあと ${n} 個の署名を集め、取引を確定してブロードキャストする。`,
    complete:
      'コーディネーターの残り作業:必要な署名はそろいました。取引を確定してブロードキャストしてください。',
    showAgain: '署名済みQRをもう一度表示',
    home: 'ホームに戻る',
  },
  wallets: {
    title: 'ウォレット',
    none: '登録されたウォレットはまだありません。',
    choose: 'このウォレットを使う',
    chosen: '使用中',
    import: 'ウォレットを登録',
    importHint:
      'コーディネーターのウォレットQR(UR または BBQr、アニメーションでも可)をスキャンするか、ディスクリプター、Coldcard/Sparrow のマルチシグファイル、BSMS レコードを貼り付けるか、ファイルを開いてください。',
    scan: 'ウォレットQRをスキャン',
    stopScan: 'スキャンを止める',
    scanned: 'スキャンしたウォレットを下のフォームに入れました。確認してから登録してください。',
    text: 'ウォレットのテキスト',
    name: '名前(任意)',
    owner: 'このウォレットの資金の所有者',
    owners: {
      unassigned: '未設定',
      customer: '顧客の資金',
      company: '会社の資金',
    },
    setOwner: '所有者区分を変更',
    setOwnerFor: (name: string) => `ウォレット ${name} の所有者区分を変更`,
    setOwnerButton: '所有者区分を設定',
    ownerSet: (name: string, owner: string) => `ウォレット ${name} の所有者区分を「${owner}」にしました。`,
    ownerStaged: (name: string, owner: string) =>
      `ウォレット ${name} の所有者区分「${owner}」をクォーラム待ちにしました。「変更」でクォーラムが受け入れた時点で有効になります。`,
    register: '登録する',
    check: 'このウォレットを確認',
    registered: (name: string) => `ウォレット ${name} を登録し、使用中にしました。`,
    importNote: '登録しました。注意:',
    originUnknown:
      '[鍵の由来は不明:xpub のみが分かっています。検証には使いますが、この端末で署名には使いません]',
    reviewTitle: (name: string) => `登録前にウォレット ${name} を確認`,
    reviewHint:
      'すべての行をコーディネーターと照らし合わせてください:必要署名数、各共同署名者のフィンガープリントとパス、最初のアドレス。すべて一致した場合だけ登録してください。',
    threshold: '必要な署名数',
    thresholdValue: (m: number, n: number) => `${n} 中 ${m}`,
    scriptType: 'スクリプト種別',
    firstReceive: '最初の受取アドレス',
    firstChange: '最初のおつりアドレス',
    fingerprint: 'フィンガープリント',
    path: 'パス',
    whose: '鍵',
    thisDevice: 'この端末',
    otherCosigner: '他の共同署名者',
    openFile: 'ウォレットファイルを開く',
    showQr: 'コーディネーター用にディスクリプターQRを表示',
    cosigners: '共同署名者',
    thisCosigner: 'この共同署名者の鍵',
    thisCosignerHint:
      'この端末で作成した各鍵のアカウント鍵です。コーディネーターがこの共同署名者を登録するのに使います。',
    noCosigner: 'この端末ではまだ鍵が作成されていません。「シェア」で作成してください。',
    cosigner: (fingerprint: string, network: string, created: string) =>
      `${network} の鍵 ${fingerprint}(作成日 ${created})`,
    unfinished: '未完了:シェアカードがすべて印刷されていません',
    discardUnfinished: 'この未完了の鍵を破棄',
    discardConfirm:
      'この鍵のカードがすべて印刷される前にアプリが終了したため、この鍵は二度と復元できません。記録を破棄しますか?印刷済みのカードは破棄してください。',
    discardYes: 'はい、破棄します',
    discardNo: '今は残しておく',
    showKeyQr: (scriptType: string) => `${scriptType} の鍵QRを表示`,
    keyQr: (scriptType: string, fingerprint: string, format: string) =>
      `${fingerprint} の ${scriptType} アカウント鍵(${format})`,
    keyQrFormat: 'QRコードの形式',
    keyQrFormats: {
      ur: 'ur:crypto-account(多くのコーディネーターが読み取れます)',
      'ur-account-descriptor': 'ur:account-descriptor(新しいコーディネーター向け)',
    },
    keyText: '同じ鍵のテキスト',
  },
  createShares: {
    title: 'シェア',
    body: '新しい分割鍵を作成します。コンピューターが鍵を SLIP-39 シェアに分け、シェアごとにカードを 1 枚印刷します。単語は印刷されたカードにだけ現れ、この画面には表示されません。カードはそれぞれ別の担当者に渡してください。',
    layout: '鍵の分け方',
    shareCount: 'シェアの数(担当者数)',
    threshold: '鍵の復元に必要なシェア数',
    layoutSummary: (k: number, n: number) => `${n} 個のシェアのうち任意の ${k} 個で鍵を復元できます。`,
    strength: '鍵の強度',
    strengths: { 128: '128 ビット(20 語のシェア)', 256: '256 ビット(33 語のシェア)' },
    network: 'ビットコインネットワーク',
    dice: 'サイコロの出目(任意):1 から 6 の数字',
    diceHint: (needed: number, bits: number) =>
      `公正なサイコロの出目をコンピューター自身の乱数に混ぜます。${needed} 回の出目だけで ${bits} ビットになります。`,
    diceCount: (rolls: number, needed: number) => `(${needed} 回中 ${rolls} 回入力済み)`,
    diceInvalid: 'ここには 1 から 6 の数字(と空白)だけを入力できます。',
    create: '鍵を作成',
    creating: '鍵を作成しています…',
    fingerprint: (fingerprint: string, network: string) => `${network} の鍵 ${fingerprint}`,
    keys: 'この共同署名者のアカウント鍵(公開)',
    scriptTypes: { p2wsh: 'P2WSH', 'p2sh-p2wsh': 'P2SH-P2WSH' },
    cards: 'シェアカードを印刷',
    cardsHint: (k: number, n: number) =>
      `カードを 1 枚ずつ印刷し、担当者に渡してください。${n} 枚のうち任意の ${k} 枚で鍵を復元できます。別々に保管してください。`,
    share: (index: number, count: number, group: number | null) =>
      group === null ? `シェア ${index} / ${count}` : `グループ ${group}、シェア ${index} / ${count}`,
    print: (index: number) => `シェア ${index} のカードを印刷`,
    printAgain: (index: number) => `シェア ${index} をもう一度印刷`,
    printed: '印刷済み',
    notPrinted: '未印刷',
    printing: (index: number) =>
      `シェア ${index} を印刷しています…カードが別ウィンドウで開いた場合は、そこで印刷(Ctrl+P)してからそのウィンドウを閉じてください。`,
    finish: '終了:すべてのカードを印刷済み',
    finishHint: '終了すると、このコンピューターのメモリからシェアが消去されます。再印刷はできません。',
    abandon: 'この鍵を放棄',
    abandonConfirm:
      '放棄するとこの鍵は完全に破棄されます。記録は削除され、印刷済みのカードは使えなくなります。カードは破棄してください。',
    abandonYes: 'はい、この鍵を破棄します',
    abandonNo: '残す',
    finished: (fingerprint: string) =>
      `鍵 ${fingerprint} の準備ができました。カードは印刷済みで、シェアはメモリから消去されました。「ウォレット」画面からこの共同署名者の鍵をコーディネーターに渡してください。`,
    abandoned: (fingerprint: string) =>
      `鍵 ${fingerprint} を破棄しました。印刷済みのカードは破棄してください。`,
    toWallets: '「ウォレット」でこの共同署名者の鍵を表示',
    another: '別の鍵を作成',
  },
  audit: {
    title: '監査ログ',
    intact: '監査ログは改ざんされていません:すべての記録が直前の記録につながっています。',
    broken: ({ line, problem }) =>
      `監査ログの ${line} 行目が改ざんされています:${codedWords(auditProblems, problem)}。`,
    export: 'ファイルに書き出す',
    seq: '#',
    time: '日時',
    event: '出来事',
    wallet: 'ウォレット',
    outcome: '結果',
  },
  report: {
    title: '日次照合レポート',
    scope:
      'この端末がアプリとコマンドラインで署名したすべてを、資金の区分・ウォレット・日(UTC)ごとに、検証済みの監査ログから計算しています。',
    since: '開始日(UTC。空欄ならログ全体)',
    none: 'この期間に署名されたものはありません。',
    wallet: (name: string) => `ウォレット ${name}`,
    day: '日付(UTC)',
    signed: '署名数',
    sent: '送金額',
    fees: '手数料',
    details: '送金先・振替・証明',
    destinations: '送金先',
    transfers: '登録済みウォレットへの振替',
    transferTo: (wallet: string, owner: string) => `ウォレット ${wallet}(${owner})へ`,
    proofs: '署名した準備金の証明',
    messages: '署名したメッセージ(BIP-322)',
    messageHashOnly: 'ハッシュだけが示されたメッセージ',
    forAddress: '対象アドレス',
    head: '監査ログの先頭(連番:ハッシュ):',
    headHint:
      'オンライン側はこの先頭を保管し、次の書き出しをそれと照合します(airlock audit verify --expect-head)。ログが巻き戻されれば検出されます。',
    print: 'レポートを印刷',
    printed: 'レポートをプリンターに送りました。',
    printCancelled: 'レポートは印刷されませんでした。',
    exportFile: 'レポートをファイルに書き出す',
    showQr: 'レポートをQRで表示',
    hideQr: 'レポートのQRを隠す',
    qrHint: 'オンライン側へ:BBQr(JSON)。ファイルと同じ文書で、監査ログの先頭を含みます。',
    entries: 'ログの記録',
  },
  donePurpose: {
    proofTitle: '準備金の証明に署名しました',
    proofLead: 'この端末は準備金の証明に署名しました。コインは動かず、この取引は決して承認されません。',
    messageTitle: 'メッセージに署名しました',
    messageSigned: (message: string, address: string, wallet: string) =>
      `メッセージ「${message}」に、ウォレット ${wallet} のアドレス ${address} で署名しました。`,
    messageHashSigned: (hash: string, address: string, wallet: string) =>
      `ハッシュ ${hash} のメッセージに、ウォレット ${wallet} のアドレス ${address} で署名しました。`,
    qrHint: '署名済み PSBT です。コーディネーターが他の共同署名者の署名と結合します:',
    proofQr: '署名済みの準備金の証明',
    messageQr: '署名済みのメッセージ',
    save: 'ファイルに保存',
    saved: (directory: string) => `${directory} に保存しました`,
    head: (head: string) => `この署名後の監査ログの先頭:${head}`,
    proofLeft: (n: number) =>
      `コーディネーターの残り作業:他の共同署名者からあと ${n} 個の署名を集め、証明を確定して airlock reserves verify で確認する。ブロードキャストはしません。`,
    proofComplete:
      'コーディネーターの残り作業:証明に必要な署名はそろいました。確定して airlock reserves verify で確認してください。ブロードキャストはしません。',
    messageLeft: (n: number) =>
      `コーディネーターの残り作業:他の共同署名者からあと ${n} 個の署名を集め、確定して airlock message verify で署名を確認する。`,
    messageComplete:
      'コーディネーターの残り作業:メッセージの署名に必要な署名はそろいました。確定して airlock message verify で確認してください。',
  },
  changes: {
    nav: '変更',
    title: '前回の封印以降の変更',
    sealedBy: '封印した鍵(クォーラム)',
    head: '封印に含まれる監査ログの先頭',
    notSealed:
      'このデバイスはまだ封印されていません。最初のクォーラムの儀式で、ここに挙げたものが現在の状態のまま封印されます。担当者がシェアを入力する前に確認してください。',
    toBeSealed: '最初の封印の対象',
    differencesTitle: 'データディレクトリが封印と異なります',
    differencesLead:
      'これらのファイルはクォーラムなしで変更されました。元に戻すか、クォーラムが現状のまま受け入れるまで、何も署名されません。',
    acceptDifferences: 'クォーラムがファイルを現状のまま受け入れる',
    staged: 'クォーラムを待っている変更',
    noneStaged: '待機中の変更はありません。ウォレット、承認者、ポリシーでの変更がここに表示されます。',
    approvalsNeeded: (wallet: string, required: number, approvers: string) =>
      `ウォレット ${wallet} のポリシーでは、クォーラムの前に ${approvers} のうち ${required} 名の承認が必要です。`,
    approvedBy: (names: string) => `承認済み: ${names}`,
    accept: '受け入れる: クォーラムがシェアを入力',
    sealNow: '今すぐ封印する: クォーラムがシェアを入力',
    reject: '待機中の変更をすべて却下する',
    acceptedNow: '受け入れて封印しました。デバイスは新しい設定に従います。',
    rejectedNow: '待機中の変更を破棄しました。封印は元のままです。',
    airgapTitle: 'エアギャップの設定',
    withdraw: 'オーバーライドを取り消す(すぐに有効)',
    withdrawStaged: '取り消しを登録しました。これからはネットワーク接続中の署名は拒否されます。',
    approvalsTitle: '待機中の変更を承認',
    approvalsSubmit: 'これらの変更を承認する',
    sealNotice:
      'このデバイスはまだ封印されていません。この署名のために入力されるクォーラムが、まず次を封印します:',
    unsealedNotice:
      'このデバイスはまだ封印されていません。最初のクォーラムの儀式で、ウォレット、ポリシー、承認者、エアギャップ設定が封印されます。',
    brokenNotice: 'データディレクトリが封印と異なるため、何も署名できません。',
    pendingNotice: (n: number) => `${n} 件の変更がクォーラムを待っています。`,
    open: '変更を表示',
    walletStaged: (name: string) =>
      `ウォレット ${name} はクォーラム待ちです。変更画面でクォーラムが受け入れると登録されます。`,
  },
  configItems: {
    wallet: (name: string, threshold: number, cosigners: number, network: string) =>
      `ウォレット ${name} を登録: ${network} の ${cosigners} 人中 ${threshold} 人のマルチシグ`,
    withoutDeviceKey: 'このデバイスの鍵を含みません(オペレーターが確認済み)。',
    owner: (owner: string) => `所有者区分: ${owner}`,
    owners: { customer: '顧客の資金', company: '会社の資金' },
    policy: (wallet: string) => `ウォレット ${wallet} のポリシー:`,
    enrol: (name: string) => `承認者 ${name} を登録`,
    remove: (name: string) => `承認者 ${name} を削除`,
    unlock: (name: string, by: string) => `承認者 ${name} のロックを解除(${by} が申請)`,
    airgapAllow: (reason: string) => `ネットワーク接続中の署名を許可(理由: ${reason})`,
    airgapStrict: 'ネットワーク接続中の署名を拒否',
    walletOwner: (wallet: string, owner: string) => `ウォレット ${wallet} の所有者区分を設定: ${owner}`,
  },
  policyWords: {
    none: 'ポリシーなし: 承認も上限もなく、送金先も自由。',
    approvals: (required: number, approvers: string) => `${approvers} のうち ${required} 名の承認が必要`,
    noApprovals: '承認は不要',
    destinations: (n: number) => `許可された ${n} 件の送金先にのみ支払い可能:`,
    anyDestination: 'どの送金先にも支払い可能',
    maxPerTransaction: '1 取引あたりの上限:',
    maxPer24h: '24 時間あたりの上限:',
    noLimit: '金額の上限なし',
    maxFee: '手数料の上限:',
    maxFeeRate: (rate: number) => `手数料率の上限 ${rate} sat/vB`,
    unprovenAllowed: '前の取引で金額が証明されていないインプットを許可(segwit 手数料攻撃の恐れあり)',
    unprovenRefused: '前の取引で金額が証明されていないインプットは拒否',
    crossOwner: (wallets: string) => `別の所有者のウォレットへの送金を許可: ${wallets}`,
    crossOwnerApprovals: (required: number, approvers: string) =>
      `その送金には ${approvers} のうち ${required} 名の承認が必要`,
    noCrossOwner: '別の所有者のウォレットへの送金は拒否',
    descriptor: (label: string) => `ウォレットディスクリプター ${label}`,
  },
  approvers: {
    nav: '承認者',
    title: '承認者',
    lead: '各承認者はパスフレーズと自分の認証アプリのコードで本人であることを示します。登録、ロック解除、削除は、クォーラムが受け入れた時点で有効になります。',
    none: '登録された承認者はいません。',
    enrolled: '登録済み',
    stagedEnrol: '登録待ち',
    stagedRemove: '削除待ち',
    stagedUnlock: 'ロック解除待ち',
    locked: 'ロック中',
    attemptsLeft: (n: number) => `残り ${n} 回`,
    remove: (name: string) => `${name} を削除`,
    enrolTitle: '承認者を登録',
    name: '名前',
    passphrase: (min: number, max: number) => `パスフレーズ(${min}〜${max} 文字)`,
    passphraseAgain: 'もう一度同じパスフレーズ',
    passphraseRule: (min: number, max: number) =>
      `パスフレーズは ${min}〜${max} 文字で、前後に空白を入れません。承認者の認証アプリの秘密を守るのはこれだけです。`,
    mismatch: '2 つのパスフレーズが一致しません。',
    enrol: '登録',
    qrTitle: (name: string) => `${name}: 今すぐ認証アプリでこれを読み取ってください`,
    qrOnce:
      'このコードは一度だけ表示され、二度と表示されません。承認者の認証アプリで読み取り、「完了」を押してください。',
    qrLabel: (name: string) => `${name} の認証アプリ設定コード`,
    qrDone: '完了: 認証アプリに登録しました',
    enrolledNow: (name: string) => `${name} を登録しました。`,
    stagedNow: (name: string) => `${name} の登録をクォーラム待ちにしました。`,
    removedNow: (name: string) => `${name} の削除をクォーラム待ちにしました。`,
    unlockTitle: (name: string) => `${name} のロックを解除`,
    unlockLead:
      '別の承認者が自分のパスフレーズとコードでロック解除を申請します(監査ログに記録されます)。封印済みのデバイスでは、「変更」でクォーラムが受け入れた時点で有効になります。',
    unlockBy: '解除する承認者',
    unlockPassphrase: 'その承認者のパスフレーズ',
    unlockCode: 'その承認者の認証コード',
    unlock: 'ロック解除を申請',
    unlockedNow: (name: string) => `${name} のロックを解除しました。`,
    unlockStagedNow: (name: string) =>
      `${name} のロック解除をクォーラム待ちにしました。「変更」でクォーラムが受け入れた時点で有効になります。`,
  },
  policy: {
    nav: 'ポリシー',
    title: 'ポリシー',
    noWallet: '先にウォレット画面でウォレットを選んでください。',
    inForce: (wallet: string) => `ウォレット ${wallet} の有効なポリシー`,
    firstSeal: 'まだ封印されていません: デバイスの最初の封印でこのポリシーが封印されます。',
    staged: 'クォーラム待ち',
    draftTitle: '新しいポリシーの下書き',
    draftLead:
      '空欄の項目にはルールを設けません。ウォレットディスクリプターで指定された送金先はそのまま残ります。',
    approvalsRequired: '必要な承認数',
    approvers: '承認者の名前(カンマ区切り)',
    maxPerTransaction: '1 取引あたりの上限(sats)',
    maxPer24h: '24 時間あたりの上限(sats)',
    maxFee: '手数料の上限(sats)',
    maxFeeRate: '手数料率の上限(sat/vB)',
    destinations: '許可する送金先アドレス(1 行に 1 件。空欄ならどこにでも)',
    crossOwner: 'このウォレットが支払える別の所有者のウォレット(カンマ区切り)',
    allowUnproven: '金額が証明されていないインプットを許可(推奨しません)',
    draftInWords: '下書きの内容',
    testTitle: '下書きを試す',
    testLead:
      'コーディネーターの QR コードを読み取るか、PSBT(base64 または hex)を貼り付けるか、ファイルを開いてください。署名の判定と同じように下書きと照合します。何も登録も署名もされません。',
    psbt: '試す PSBT',
    openFile: 'PSBT ファイルを開く',
    scan: 'コーディネーターの QR コードを読み取る',
    stopScan: '読み取りをやめる',
    scanned: 'QR コードから PSBT を読み取りました。',
    test: '試す',
    wouldSign: 'この下書きでは、この取引は署名されます(必要な承認が揃えば)。',
    wouldRefuse: 'この下書きでは、この取引は拒否されます:',
    stage: 'このポリシーをクォーラム待ちに登録',
    stageNone: '代わりに「ポリシーなし」をクォーラム待ちに登録',
    stagedNow: 'ポリシーを登録しました。変更画面でクォーラムが受け入れると有効になります。',
  },
  errors: errorsJa,
  auditProblems,
  sealDifferences: {
    WALLET_FILE_UNREADABLE: ({ wallet }) =>
      `ウォレットファイル ${wallet}.json を読み込めません(編集または破損)。`,
    WALLET_FILE_TWIN: ({ wallet, twin }) =>
      `ウォレットファイル ${wallet}.json は ${twin}.json と同じウォレットを登録しています。`,
    POLICY_FILE_UNREADABLE: ({ wallet }) =>
      `ウォレット ${wallet} のポリシーファイルを読み込めません(編集または破損)。`,
    APPROVERS_FILE_UNREADABLE: () => '承認者ファイルを読み込めません(編集または破損)。',
    AIRGAP_FILE_UNREADABLE: () => 'エアギャップ設定ファイルを読み込めません(編集または破損)。',
    WALLET_REPLACED: ({ wallet }) =>
      `ウォレットファイル ${wallet}.json が別のウォレット(異なる鍵またはルール)に置き換えられました。`,
    WALLET_DELETED: ({ wallet }) => `ウォレットファイル ${wallet}.json が削除されました。`,
    WALLET_RENAMED: ({ wallet, now }) => `ウォレット ${wallet} が ${now} として登録し直されています。`,
    WALLET_EDITED: ({ wallet }) => `ウォレットファイル ${wallet}.json が編集されました。`,
    POLICY_DELETED: ({ wallet }) => `ウォレット ${wallet} のポリシーファイルが削除されました。`,
    POLICY_EDITED: ({ wallet }) => `ウォレット ${wallet} のポリシーが編集または置き換えられました。`,
    WALLET_ADDED: ({ wallet }) => `ウォレットファイル ${wallet}.json がクォーラムなしで追加されました。`,
    POLICY_FILE_ADDED: ({ file }) => `ポリシーファイル ${file} がクォーラムなしで追加されました。`,
    APPROVER_DELETED: ({ approver }) => `承認者 ${approver} の記録が削除されました。`,
    APPROVER_REPLACED: ({ approver }) => `承認者 ${approver} の記録が置き換えられました。`,
    APPROVER_ADDED: ({ approver }) => `承認者 ${approver} がクォーラムなしで追加されました。`,
    AIRGAP_DELETED: () => 'エアギャップ設定ファイルが削除されました。',
    AIRGAP_EDITED: () => 'エアギャップ設定が編集されました。',
    SEAL_FILE_DAMAGED: () => '封印ファイルが編集または破損されています。',
    SEAL_DELETED: ({ entry }) =>
      `封印ファイルが削除されました(監査ログのエントリ ${entry} に封印の記録があります)。クォーラムが再び封印するまで署名できません。`,
    AUDIT_LOG_DELETED: () => '監査ログが削除されました。',
    AUDIT_LOG_ALTERED: ({ line, sealedPart, problem }) =>
      `監査ログの ${line} 行目が改変されています${sealedPart ? '(封印済みの部分)' : ''}:${codedWords(auditProblems, problem)}。`,
    AUDIT_LOG_SHORTER: ({ entries, sealedEntries }) =>
      `監査ログが封印時より短くなっています:封印の記録は ${sealedEntries} 件、現在は ${entries} 件です。`,
    AUDIT_LOG_DIVERGES: ({ entry }) =>
      `監査ログのエントリ ${entry} が封印時と異なります(古い、または別のコピー)。`,
  },
  warnings: {
    WITNESS_UTXO_ONLY: '金額が前の取引で証明されていません。',
    MISSING_AMOUNT: '金額のないインプットがあるため、手数料が分かりません。',
    UNKNOWN_INPUT: 'このウォレットのものではないインプットがあります。署名されません。',
    FOREIGN_CHANGE: 'おつりを装っていますが、このウォレットのものではないアウトプットがあります。',
    HIGH_FEE: '手数料が異常に高額です。',
    LOW_FEE_RATE: '手数料率が低すぎて中継されません。',
    NONSTANDARD_SIGHASH: '通常と異なる署名形式を求めるインプットがあります。',
    LOCKTIME: 'この取引はまだ承認(マイニング)されません。',
    MISSING_PREVIOUS_TX: 'レガシーのインプットに前の取引がありません。',
    PROOF_OF_RESERVES: 'これは支払いではなく残高証明です。',
  },
  warningDetail: {
    inputs: (numbers: string) => `インプット ${numbers}`,
    outputs: (numbers: string) => `アウトプット ${numbers}`,
    separator: '、',
    more: (n: number) => ` ほか ${n} 件`,
    PROOF_OF_RESERVES: '残高証明は何も送金しません。この取引が承認されることはありません。',
    UNKNOWN_INPUT: (inputs: string, wallet: string) =>
      `${inputs}:ウォレット ${wallet} のものではありません。この端末は署名しません。`,
    MISSING_AMOUNT: (inputs: string) => `${inputs}:PSBT に金額がないため、手数料が分かりません。`,
    WITNESS_UTXO_ONLY: (inputs: string) =>
      `${inputs}:金額はウィットネス UTXO だけによるもので、それを証明する前の取引がありません。`,
    MISSING_PREVIOUS_TX: (inputs: string) =>
      `${inputs}:レガシー P2SH のインプットは、署名の前に前の取引が必要です。`,
    NONSTANDARD_SIGHASH: (inputs: string) => `${inputs}:SIGHASH_ALL 以外の署名形式を求めています。`,
    FOREIGN_CHANGE: (outputs: string, wallet: string) =>
      `${outputs}:このウォレットの鍵の下のパスを名乗っていますが、ウォレット ${wallet} から導出されません。外部への支払いとして扱います。`,
    HIGH_FEE: (fee: string, rate: string, percent: string, ofSent: boolean) =>
      `手数料 ${fee}(${rate} sat/vB)は${ofSent ? '送金額' : '使用額'}の ${percent}% です。`,
    LOW_FEE_RATE: (rate: string, minimum: string) =>
      `手数料率 ${rate} sat/vB は、ノードが中継しない ${minimum} sat/vB 未満です。この取引は承認されないおそれがあります。`,
    LOCKTIME_BLOCK: (height: string) => `ブロック ${height} より前には承認されません。`,
    LOCKTIME_TIME: (when: string) => `${when}(UTC)より前には承認されません。`,
  },
  violationDetail: {
    funds: (owner: 'customer' | 'company' | null) =>
      owner === 'customer'
        ? '顧客の資金'
        : owner === 'company'
          ? '会社の資金'
          : '所有区分が未設定のウォレットの資金',
    DESTINATION_NOT_ALLOWED: (output: string, address: string) =>
      `アウトプット ${output} は許可された送金先ではない ${address} へ支払います。`,
    noAddress: 'アドレスのないスクリプト',
    OVER_TX_LIMIT: (sent: string, limit: string) =>
      `この取引の送金額は ${sent} で、1 回あたりの上限 ${limit} を超えています。`,
    OVER_DAILY_LIMIT: (before: string, sent: string, limit: string) =>
      `過去 24 時間に ${before} が署名されており、この取引の ${sent} を加えると上限 ${limit} を超えます。`,
    FEE_UNKNOWN: 'インプットの金額が欠けているため、手数料を上限と照合できません。',
    FEE_TOO_HIGH: (fee: string, cap: string) => `手数料 ${fee} は上限 ${cap} を超えています。`,
    FEE_RATE_TOO_HIGH: (rate: string, cap: string) =>
      `手数料率 ${rate} sat/vB は上限 ${cap} sat/vB を超えています。`,
    UNKNOWN_APPROVER: (name: string) => `${name} はこのウォレットの承認者ではありません。`,
    APPROVALS_MISSING: (required: number, given: number) =>
      `${required} 件の承認が必要ですが、${given} 件です。`,
    CROSS_OWNER_TRANSFER: (output: string, funds: string, wallet: string) =>
      `アウトプット ${output}:${funds}は、ポリシーが許可しない限りウォレット ${wallet} へ移せません。`,
    CROSS_OWNER_APPROVALS_MISSING: (
      output: string,
      funds: string,
      wallet: string,
      required: number,
      approvers: string,
      given: number,
    ) =>
      `アウトプット ${output} は${funds}をウォレット ${wallet} へ移します。${approvers} のうち ${required} 件の承認が必要ですが、${given} 件です。`,
    UNPROVEN_AMOUNT: (inputs: string) =>
      `${inputs}:金額が前の取引で証明されていないため、コーディネーターがコインを手数料に変えられます。封印されたポリシーはそれを許可していません。`,
    FRAUDULENT_CHANGE: (outputs: string, wallet: string) =>
      `${outputs}:このウォレットの鍵の下のパスを名乗っていますが、ウォレット ${wallet} から導出されません。`,
  },
  units: { label: '金額の単位', btc: 'BTC', satsName: 'sats', sats: (n: string) => `${n} sats` },
};
