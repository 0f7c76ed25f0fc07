#include "selfcrm/scores/customer_summary.hpp"

#include <algorithm>
#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {

PurchaseHistory purchaseHistory(const std::vector<Transaction>& transactions, Timestamp asOf) {
  if (transactions.empty()) throw Error(ErrorCode::Empty, "/history/transactions", "no transactions");
  std::vector<DatedAmount> days;
  days.reserve(transactions.size());
  for (std::size_t i = 0; i < transactions.size(); ++i) {
    const Transaction& t = transactions[i];
    // Paths are spelled out only on failure: this loop runs for every record of every profile.
    const auto path = [i](const char* field) { return pointerAppend(pointerAppend("/history/transactions", i), field); };
    if (t.at > asOf) throw Error(ErrorCode::Range, path("at"), "transaction dated after asOf");
    if (!std::isfinite(t.amount)) throw Error(ErrorCode::Range, path("amount"), "amount must be finite");
    if (!std::isfinite(t.margin)) throw Error(ErrorCode::Range, path("margin"), "margin must be finite");
    days.push_back({epochDay(t.at), t.amount, t.margin});
  }
  // Summed in date order so that the result does not depend on the order records were stored in.
  std::stable_sort(days.begin(), days.end(), [](const auto& l, const auto& r) { return l.day < r.day; });
  return historyFromSorted(days.data(), days.size());
}

PurchaseHistory historyFromSorted(const DatedAmount* sorted, std::size_t count) {
  PurchaseHistory h;
  h.firstDay = sorted[0].day;
  h.lastDay = sorted[count - 1].day;
  h.transactions = static_cast<std::int64_t>(count);
  std::int64_t previous = h.firstDay - 1;
  for (std::size_t i = 0; i < count; ++i) {
    const auto& d = sorted[i];
    if (d.day != previous) ++h.purchaseDays;
    previous = d.day;
    if (d.day == h.firstDay) h.firstDayAmount += d.amount;
    h.totalAmount += d.amount;
    h.totalMargin += d.margin;
  }
  return h;
}

CustomerSummary customerSummary(const PurchaseHistory& h, Timestamp asOf, double periodDays) {
  CustomerSummary c;
  c.frequency = static_cast<double>(h.purchaseDays - 1);
  c.recency = static_cast<double>(h.lastDay - h.firstDay) / periodDays;
  c.age = static_cast<double>(epochDay(asOf) - h.firstDay) / periodDays;
  c.monetary = c.frequency > 0 ? (h.totalAmount - h.firstDayAmount) / c.frequency : 0.0;
  return c;
}

void validate(const CustomerSummary& c, const std::string& path) {
  if (!(std::isfinite(c.frequency) && c.frequency >= 0 && math::floor(c.frequency) == c.frequency)) {
    throw Error(ErrorCode::Range, path + "/frequency", "frequency must be a whole number >= 0");
  }
  if (!(std::isfinite(c.age) && c.age >= 0)) throw Error(ErrorCode::Range, path + "/age", "age (T) must be >= 0");
  if (!(std::isfinite(c.recency) && c.recency >= 0 && c.recency <= c.age)) {
    throw Error(ErrorCode::Range, path + "/recency", "recency must lie in [0, age]");
  }
  if (c.frequency == 0 && c.recency != 0) {
    throw Error(ErrorCode::Range, path + "/recency", "recency must be 0 without repeat purchases");
  }
  if (!(std::isfinite(c.monetary) && c.monetary >= 0)) {
    throw Error(ErrorCode::Range, path + "/monetary", "monetary must be a finite number >= 0");
  }
}

}  // namespace selfcrm::scores
