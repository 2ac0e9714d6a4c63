// A panel whose content has not been built yet: says so plainly instead of showing fake data.
export function PlannedPanel({ what }: { what: string }) {
  return (
    <div className="planned">
      <p>{what}</p>
      <p className="muted">Not built yet.</p>
    </div>
  );
}
