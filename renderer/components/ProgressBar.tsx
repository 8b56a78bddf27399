export function ProgressBar({ value, max, label }: { value: number; max: number | null; label: string }) {
  return (
    <div className="progress">
      <progress value={max === null ? undefined : value} max={max ?? undefined} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
