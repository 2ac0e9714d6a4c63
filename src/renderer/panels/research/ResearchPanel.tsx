// The Research panel: the outside data in the local store (the Data section), factor research, models, then what is still planned here.
import { DataPanel } from '../data/DataPanel';
import { PlannedPanel } from '../placeholder/PlannedPanel';
import { FactorSection } from './FactorSection';
import { ModelSection } from './ModelSection';

export function ResearchPanel() {
  return (
    <div className="research-panel">
      <section aria-label="Data">
        <h3>Data</h3>
        <DataPanel />
      </section>
      <section aria-label="Factors">
        <h3>Factors</h3>
        <FactorSection />
      </section>
      <section aria-label="Models">
        <h3>Models</h3>
        <ModelSection />
      </section>
      <PlannedPanel what="Indicators over the local store." />
    </div>
  );
}
