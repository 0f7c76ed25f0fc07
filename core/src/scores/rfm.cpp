#include "selfcrm/scores/rfm.hpp"

#include <algorithm>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_text.hpp"

namespace selfcrm::scores {

int quintileScore(double value, const Quintiles& cuts) noexcept {
  int below = 0;
  for (double c : cuts) below += c < value ? 1 : 0;
  return 1 + below;
}

const char* rfmSegment(int r, int f) noexcept {
  if (r >= 4 && f >= 4) return "champions";
  if (r >= 3 && f >= 3) return "loyal";
  if (r == 5 && f == 1) return "new";
  if (r >= 4) return "potential loyalist";
  if (r == 3) return "needs attention";
  if (f == 5) return "cannot lose";
  if (f >= 3) return "at risk";
  if (r == 2) return "hibernating";
  return "lost";
}

Quintiles quintileCutPoints(std::vector<double> values) {
  if (values.empty()) throw Error(ErrorCode::Empty, "", "quintiles need at least one value");
  std::sort(values.begin(), values.end());
  Quintiles q{};
  const std::size_t n = values.size();
  for (std::size_t k = 1; k <= 4; ++k) {
    std::size_t rank = (k * n + 4) / 5;  // ⌈k·n/5⌉, the nearest rank
    q[k - 1] = values[rank - 1];
  }
  return q;
}

namespace {
// Explanations are written as text, keys in sorted order (see JsonWriter).
void writeCutPoints(JsonWriter& w, const RfmSettings& s) {
  w.key("cutPoints").open().key("frequency").array(s.frequency).key("monetary").array(s.monetaryValue);
  w.key("recencyDays").array(s.recencyDays).close();
}
}  // namespace

RfmScore rfmScore(const std::optional<PurchaseHistory>& h, Timestamp asOf, const RfmSettings& s) {
  RfmScore out;
  JsonWriter w = out.explain.writer();
  if (!h) {
    out.segment = "prospect";
    w.open();
    writeCutPoints(w, s);
    w.key("reason").value("no purchases").close();
    return out;
  }
  out.hasPurchases = true;
  out.recencyDays = static_cast<double>(epochDay(asOf) - h->lastDay);
  out.frequency = static_cast<double>(h->transactions);
  out.monetary = s.monetary == MonetaryKind::Total ? h->totalAmount : h->totalAmount / out.frequency;
  out.r = 6 - quintileScore(out.recencyDays, s.recencyDays);
  out.f = quintileScore(out.frequency, s.frequency);
  out.m = quintileScore(out.monetary, s.monetaryValue);
  out.segment = rfmSegment(out.r, out.f);
  w.open().key("contributions").open().key("frequency").value(out.f).key("monetary").value(out.m);
  w.key("recency").value(out.r).close();
  writeCutPoints(w, s);
  w.key("inputs").open().key("asOf").value(formatIsoDate(asOf));
  w.key("lastPurchase").value(formatIsoDate(h->lastDay * kSecondsPerDay));
  w.key("monetaryKind").value(s.monetary == MonetaryKind::Mean ? "mean" : "total");
  w.key("totalAmount").value(h->totalAmount).key("transactions").value(h->transactions).close();
  w.key("segmentRule").value("grid of R and F scores; monetary does not change the segment").close();
  return out;
}

void to_json(nlohmann::json& out, const RfmScore& s) {
  std::string code = s.hasPurchases ? std::to_string(s.r) + std::to_string(s.f) + std::to_string(s.m) : "";
  out = {{"value", s.hasPurchases ? nlohmann::json(code) : nlohmann::json(nullptr)},
         {"segment", s.segment},
         {"recencyDays", s.recencyDays},
         {"frequency", s.frequency},
         {"monetary", s.monetary},
         {"scores", {{"r", s.r}, {"f", s.f}, {"m", s.m}}},
         {"explain", s.explain}};
}

}  // namespace selfcrm::scores
