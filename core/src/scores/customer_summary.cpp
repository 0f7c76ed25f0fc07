#include "selfcrm/scores/customer_summary.hpp"

#include <algorithm>
#include <cmath>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {

PurchaseHistory purchaseHistory(const std::vector<Transaction>& transactions, Timestamp asOf) {
  if (transactions.empty()) throw Error(ErrorCode::Empty, "/history/transactions", "no transactions");
  std::vector<std::pair<std::int64_t, double>> days;  // (epoch day, amount)
  days.reserve(transactions.size());
  PurchaseHistory h;
  for (std::size_t i = 0; i < transactions.size(); ++i) {
    const Transaction& t = transactions[i];
    const std::string path = pointerAppend("/history/transactions", i);
    if (t.at > asOf) throw Error(ErrorCode::Range, path + "/at", "transaction dated after asOf");
    if (!std::isfinite(t.amount)) throw Error(ErrorCode::Range, path + "/amount", "amount must be finite");
    if (!std::isfinite(t.margin)) throw Error(ErrorCode::Range, path + "/margin", "margin must be finite");
    days.emplace_back(epochDay(t.at), t.amount);
  }
  // Summed in date order so that the result does not depend on the order records were stored in.
  std::stable_sort(days.begin(), days.end(), [](auto& l, auto& r) { return l.first < r.first; });
  std::vector<std::size_t> order(transactions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto l, auto r) { return transactions[l].at < transactions[r].at; });
  for (auto i : order) h.totalMargin += transactions[i].margin;
  h.firstDay = days.front().first;
  h.lastDay = days.back().first;
  h.transactions = static_cast<std::int64_t>(transactions.size());
  std::int64_t previous = h.firstDay - 1;
  for (const auto& [day, amount] : days) {
    if (day != previous) ++h.purchaseDays;
    previous = day;
    if (day == h.firstDay) h.firstDayAmount += amount;
    h.totalAmount += amount;
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
  if (!(std::isfinite(c.age) && c.age > 0)) throw Error(ErrorCode::Range, path + "/age", "age (T) must be > 0");
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
