// Advisor: concrete changes worth making, each with its monthly effect when it can be priced.
import { useResource } from '../api/use-resource';
import { Icon } from '../components/icons';
import { Card, PageHeader } from '../components/layout-parts';
import { EmptyState, ResourceView } from '../components/states';
import { formatUsd } from '../lib/format';

export default function AdvisorPage() {
  const suggestions = useResource((api) => api.listSuggestions(), []);
  return (
    <div className="page">
      <PageHeader
        title="Advisor"
        description="Suggestions drawn from your own traffic. Each shows what it would change per month."
        actions={<button type="button" className="button" onClick={() => void suggestions.reload()}><Icon name="refresh" size={16} /> Refresh</button>}
      />
      <ResourceView
        resource={suggestions}
        feature="the advisor" framed
        loadingRows={4}
        isEmpty={(list) => list.length === 0}
        empty={
          <Card>
            <EmptyState icon="advisor" title="No suggestions right now">
              The advisor needs some traffic to compare models, cache hits and fallbacks. Check back after a day of use.
            </EmptyState>
          </Card>
        }
      >
        {(list) => {
          const total = list.reduce((sum, s) => sum + (s.monthlyEffectUsd && s.monthlyEffectUsd < 0 ? -s.monthlyEffectUsd : 0), 0);
          return (
            <>
              {total > 0 ? (
                <div className="banner banner-accent"><Icon name="spark" size={16} /><span>Together these could save about <strong className="num">{formatUsd(total)}</strong> a month.</span></div>
              ) : null}
              <div className="suggestions">
                {list.map((s) => (
                  <Card key={s.id} className="suggestion" title={s.title}>
                    <div className="suggestion-body">
                      <p>{s.detail}</p>
                      <div className={`effect ${s.monthlyEffectUsd !== null && s.monthlyEffectUsd < 0 ? 'effect-save' : 'effect-cost'}`}>
                        <span className="effect-label">
                          {s.monthlyEffectUsd === null ? 'Monthly effect' : s.monthlyEffectUsd < 0 ? 'Saves per month' : 'Adds per month'}
                        </span>
                        <span className="effect-value num">{s.monthlyEffectUsd === null ? 'unknown' : formatUsd(Math.abs(s.monthlyEffectUsd))}</span>
                      </div>
                    </div>
                  </Card>
                ))}
              </div>
            </>
          );
        }}
      </ResourceView>
    </div>
  );
}
