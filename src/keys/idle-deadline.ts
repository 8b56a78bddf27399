/** A timer source; injected so tests can fire the idle timeout at once. */
export interface IdleTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const systemTimer: IdleTimer = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Secrets held between a person's actions are wiped when nobody has touched them for this long. */
export const DEFAULT_IDLE_MS = 5 * 60_000;

/** Runs `onIdle` once `idleMs` pass without a `touch`; `clear` disarms it. Shared by every holder of shares. */
export class IdleDeadline {
  #handle: unknown;

  constructor(
    private readonly onIdle: () => void,
    private readonly idleMs: number = DEFAULT_IDLE_MS,
    private readonly timers: IdleTimer = systemTimer,
  ) {}

  touch(): void {
    this.clear();
    this.#handle = this.timers.set(() => {
      this.#handle = undefined;
      this.onIdle();
    }, this.idleMs);
  }

  clear(): void {
    if (this.#handle !== undefined) this.timers.clear(this.#handle);
    this.#handle = undefined;
  }
}
