/**
 * How many calls to main are unanswered, outside React state: only the busy indicator re-renders as
 * calls come and go (screens that load on mount would otherwise reload on every call).
 */
let pending = 0;
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

export const pendingCalls = {
  begin(): void {
    pending++;
    notify();
  },
  end(): void {
    pending--;
    notify();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  busy: (): boolean => pending > 0,
};
