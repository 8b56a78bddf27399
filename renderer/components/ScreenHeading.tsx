import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A screen's title. It takes focus when the screen appears, so keyboard and screen reader users
 * land at the top of the new step instead of on the page body.
 */
export function ScreenHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // An error on screen takes focus instead (ErrorNotice); otherwise the heading does.
    if (!document.querySelector('[data-error-code]')) ref.current?.focus();
  }, []);
  return (
    <h1 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
