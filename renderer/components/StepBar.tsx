import { CEREMONY_STEPS, type Screen } from '../flow/ceremony';
import { useStrings } from '../i18n';

/**
 * Where the ceremony stands, so everyone at the table can follow. Steps the ceremony leaves out (approvals when the wallet's policy needs none) are struck through. */
export function StepBar({ screen, skipped = [] }: { screen: Screen; skipped?: readonly string[] }) {
  const en = useStrings();
  const current = (CEREMONY_STEPS as readonly string[]).indexOf(screen);
  if (current < 0) return null;
  return (
    <ol className="steps" aria-label={en.nav.steps}>
      {CEREMONY_STEPS.map((step, i) => (
        <li
          key={step}
          className={
            skipped.includes(step) ? 'skipped' : i === current ? 'current' : i < current ? 'past' : ''
          }
          aria-current={i === current ? 'step' : undefined}
        >
          {en.steps[i]}
        </li>
      ))}
    </ol>
  );
}
