import { readFileSync, statSync } from 'node:fs';

export interface SandboxFacts {
  uid: number | null;
  /** Unprivileged user namespaces, which Chromium's sandbox uses when it has no setuid helper. */
  userNamespaces: boolean;
  /** Chromium's setuid-root sandbox helper, the other way it can sandbox. */
  setuidHelper: boolean;
}

export interface SandboxChoice {
  enabled: boolean;
  /** Why not, in one sentence for the operator; null when the sandbox is on. */
  reason: string | null;
}

/**
 * Whether the development fallback's Chromium can run sandboxed here. As root Chromium refuses to
 * start sandboxed at all (only --no-sandbox works), and without user namespaces or the setuid helper
 * it has no way to build the sandbox.
 */
export function chooseChromiumSandbox(facts: SandboxFacts): SandboxChoice {
  if (facts.uid === 0) {
    return {
      enabled: false,
      reason:
        'running as root, where Chromium only starts with --no-sandbox; start Airlock as an ordinary user to have the sandbox',
    };
  }
  if (!facts.userNamespaces && !facts.setuidHelper) {
    return {
      enabled: false,
      reason:
        'this kernel allows no unprivileged user namespaces and Chromium has no setuid sandbox helper, so it runs with --no-sandbox',
    };
  }
  return { enabled: true, reason: null };
}

function readNumber(path: string): number | null {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return null;
  }
}

/** The facts of this machine (Linux files; elsewhere the sandbox is assumed available). */
export function machineSandboxFacts(): SandboxFacts {
  const clone = readNumber('/proc/sys/kernel/unprivileged_userns_clone');
  const max = readNumber('/proc/sys/user/max_user_namespaces');
  let setuidHelper = false;
  try {
    const helper = statSync('/usr/lib/chromium/chrome-sandbox');
    setuidHelper = helper.uid === 0 && (helper.mode & 0o4000) !== 0;
  } catch {
    setuidHelper = false;
  }
  return {
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    userNamespaces: clone !== 0 && max !== 0,
    setuidHelper,
  };
}
