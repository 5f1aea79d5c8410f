import type { ReactNode } from 'react';

/** What an action did, said plainly: announced to screen readers, marked by more than colour. */
export function SuccessNote({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="alert alert-ok">
      <span aria-hidden="true">✔ </span>
      {children}
    </p>
  );
}
