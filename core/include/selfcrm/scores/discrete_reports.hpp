#pragma once
/// @file
/// One-call reports for the models whose data are not transaction lines: sBG (contractual
/// retention from survivor counts or tenures) and BG/BB (discrete opportunities). Requests are
/// JSON documents, read strictly (unknown fields and wrong types are E_SCHEMA with their path).

#include <nlohmann/json_fwd.hpp>

namespace selfcrm::scores {

/// Request: {"survivors": [n0, n1, …]} or {"tenures": [{"periods", "churned", "count"?}, …]},
/// optional "horizon" (periods to project, default 12, ≤ 10⁴), "discountRate" (per period,
/// default 0.1), "renewals" (DERL for subscribers with this many renewals, default [0, 1, 2, 3, 4]).
/// Result: {"fit": MlFit, "survival": [S(1)…S(horizon)], "retention": [r(1)…r(horizon)],
/// "derl": [{"renewals", "value", "interval": [lo, hi]}], "method": "…"}.
nlohmann::json sbgReport(const nlohmann::json& request);

/// Request: {"customers": [{"frequency", "recency", "opportunities"}, …], "future": n* (default
/// 10)}. Result: {"fit": MlFit, "probabilityAlive": […], "expectedPurchases": […],
/// "intervals": {"probabilityAlive": [[lo, hi]…], "expectedPurchases": [[lo, hi]…]}, "method"}.
nlohmann::json bgbbReport(const nlohmann::json& request);

}  // namespace selfcrm::scores
