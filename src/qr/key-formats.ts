/** How this cosigner's key is handed to a coordinator: key text, ur:crypto-account, or ur:account-descriptor. */
export const COSIGNER_KEY_FORMATS = ['text', 'ur', 'ur-account-descriptor'] as const;
export type CosignerKeyFormat = (typeof COSIGNER_KEY_FORMATS)[number];
