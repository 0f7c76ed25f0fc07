// What customers shared, counted by the core over customer rows (`selfcrm report --store`): sizes
// of segments and personas, NPS from the nps:category claims, each grant's share of all claims.
import { companyWasm } from '../../runtime/company_loader.js';
import { SelfCrmError, unwrap, type LineReject } from '../../runtime/errors.js';
import { withBytes } from '../../runtime/heap.js';

export interface SharedClaimCounts {
  customers: number;
  claims: number;
  /**
   * From the nps:category claims (a category stands for its answers): the core's summary, the
   * `NpsSummary` that `nps()` gives for those answers (typed there: the company layer has no
   * engine); null when none was shared.
   */
  nps: Record<string, unknown> | null;
  /** Counts by name, largest first, ties by name. */
  npsCategories: Record<string, number>;
  /** Customers whose segment:NAME claim is true, by NAME. */
  segments: Record<string, number>;
  personas: Record<string, number>;
  /** Each of `grantClaims`' share of their sum (0 when the sum is 0), in order. */
  grantShares: number[];
}

type Ranked = [string, number][];

/**
 * Counts the rows of `rows` (NDJSON, one `{"subject", "claims"}` per line, as `storeRows` gives
 * them and `selfcrm intake export` writes them) in one call into the company module.
 * @throws SelfCrmError with the line's code and path for a line that is not such a row.
 */
export function countSharedClaims(rows: string, grantClaims: readonly number[]): SharedClaimCounts {
  const mod = companyWasm();
  const out = withBytes(rows, (p, n) =>
    unwrap<Omit<SharedClaimCounts, 'npsCategories' | 'segments' | 'personas'> & { npsCategories: Ranked; segments: Ranked; personas: Ranked; rejects: LineReject[] }>(
      mod.sharedClaimCounts(p, n, JSON.stringify(grantClaims)),
    ), mod);
  const bad = out.rejects[0];
  if (bad) throw new SelfCrmError(bad.code, `line ${bad.line}: ${bad.message}`, bad.path);
  return {
    customers: out.customers, claims: out.claims, nps: out.nps,
    npsCategories: Object.fromEntries(out.npsCategories), segments: Object.fromEntries(out.segments), personas: Object.fromEntries(out.personas),
    grantShares: out.grantShares,
  };
}
