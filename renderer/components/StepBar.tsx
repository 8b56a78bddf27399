import { CEREMONY_STEPS, type Screen } from '../flow/ceremony';
import { en } from '../i18n/en';

/** Where the ceremony stands, so everyone at the table can follow. */
export function StepBar({ screen }: { screen: Screen }) {
  const current = (CEREMONY_STEPS as readonly string[]).indexOf(screen);
  if (current < 0) return null;
  return (
    <ol className="steps">
      {CEREMONY_STEPS.map((step, i) => (
        <li
          key={step}
          className={i === current ? 'current' : i < current ? 'past' : ''}
          aria-current={i === current ? 'step' : undefined}
        >
          {en.steps[i]}
        </li>
      ))}
    </ol>
  );
}
