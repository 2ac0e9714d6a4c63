// The Research panel: the outside data in the local store (the Data section), then what is still planned here.
import { DataPanel } from '../data/DataPanel';
import { PlannedPanel } from '../placeholder/PlannedPanel';

export function ResearchPanel() {
  return (
    <div className="research-panel">
      <section aria-label="Data">
        <h3>Data</h3>
        <DataPanel />
      </section>
      <PlannedPanel what="Indicators, factors and models over the local store." />
    </div>
  );
}
