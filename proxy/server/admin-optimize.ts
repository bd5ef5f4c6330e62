// Admin API for optimisation: the savings ledger (contract §4) and the Token-Optimisation Advisor.

import express from 'express';
import type { Gateway } from '../gateway/gateway';
import { adviseOptimizations } from '../optimize/advise-optimizations';
import { optimizeSettingsFor } from '../optimize/optimize-settings';
import { PRICE_GROUPS } from '../spend/price-table';
import type { SavingRecord } from '../store/store';
import { badRequest, intParam } from './admin-query';

const DAY_MS = 86_400_000;
const ADVISOR_WINDOW_MS = 30 * DAY_MS;
const ADVISOR_MAX_REQUESTS = 100_000;

export function createOptimizeRouter(gateway: Gateway): express.Router {
  const router = express.Router();

  router.get('/ledger', async (req, res) => {
    const limit = intParam(req.query.limit, { fallback: 100, min: 1, max: 1000 });
    const offset = intParam(req.query.offset, { fallback: 0, min: 0, max: 1_000_000 });
    if (limit === null || offset === null) return badRequest(res, '"limit" and "offset" must be whole numbers');
    const [totalSavedUsd, entries] = await Promise.all([gateway.store.totalSavedUsd(), gateway.store.listSavings({ limit, offset })]);
    res.json({ totalSavedUsd, entries: entries.map(toLedgerEntry) });
  });

  router.get('/advisor', async (_req, res) => {
    const now = Date.now();
    const runtime = gateway.runtime;
    const [insights, savings] = await Promise.all([
      gateway.store.listInsights({ from: now - ADVISOR_WINDOW_MS, to: now + 1, limit: ADVISOR_MAX_REQUESTS }),
      gateway.store.listSavings({ limit: 1000 }),
    ]);
    const suggestions = adviseOptimizations({
      insights,
      now,
      settings: optimizeSettingsFor(runtime.config),
      priceOf: (ref) => {
        const slash = ref.indexOf('/');
        return runtime.priceBook.priceOf(ref.slice(0, slash), ref.slice(slash + 1));
      },
      modelsOf: (providerId) => {
        const provider = runtime.providers.get(providerId);
        if (!provider) return [];
        const builtIn = PRICE_GROUPS.find((g) => g.provider === provider.kind);
        return [...provider.models, ...Object.keys(builtIn?.models ?? {})].filter((m) => !m.includes('*'));
      },
      compressionRatio: measuredCompressionRatio(savings),
    });
    res.json({ suggestions });
  });

  return router;
}

function toLedgerEntry(s: SavingRecord) {
  return { requestId: s.requestId, at: new Date(s.at).toISOString(), method: s.method, baseline: s.baseline, actual: s.actual, savedUsd: s.savedUsd, verified: s.verified, evidence: s.evidence };
}

/** Share of tool-output characters compression removed, over the ledger's compression entries. */
function measuredCompressionRatio(savings: readonly SavingRecord[]): number | undefined {
  let before = 0;
  let after = 0;
  for (const s of savings) {
    const items = s.method === 'compression' ? (s.evidence.items as { beforeChars?: number; afterChars?: number } | undefined) : undefined;
    if (typeof items?.beforeChars !== 'number' || typeof items.afterChars !== 'number') continue;
    before += items.beforeChars;
    after += items.afterChars;
  }
  return before > 0 ? (before - after) / before : undefined;
}
