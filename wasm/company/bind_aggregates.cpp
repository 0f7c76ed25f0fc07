// Mergeable aggregates (issue 21): per-shard partial summaries and their merge, for `report`,
// `nps`, `fit` and `ldp`. Every method returns an envelope; the maths is in core/src/aggregates.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../heap.hpp"
#include "../live_objects.hpp"
#include "selfcrm/aggregates/fit_aggregate.hpp"
#include "selfcrm/aggregates/ldp_aggregate.hpp"
#include "selfcrm/aggregates/nps_aggregate.hpp"
#include "selfcrm/aggregates/report_aggregate.hpp"
#include "selfcrm/scores/repeat_model.hpp"

namespace selfcrm::wasm {
namespace {

using aggregates::FitAggregate;
using aggregates::LdpAggregate;
using aggregates::NpsAggregate;
using aggregates::PartialHeader;
using aggregates::ReportAggregate;

/// guardedText with the same out-of-memory check as guarded (heap.hpp).
template <class Fn>
std::string textAcross(Fn&& fn) noexcept {
  return fitsAcross(selfcrm::guardedText(std::forward<Fn>(fn)));
}

/// What JS holds of one aggregate: the protocol every mergeable aggregate shares (count lines read,
/// merge another part, hand out its own part). What only one kind does is a free function below.
/// One class template, not a base class: Embind registers a member under the class that declares it.
template <class Aggregate>
class AggregateHandle : Counted {
 public:
  template <class... Args>
  explicit AggregateHandle(Args&&... args) : aggregate_(std::forward<Args>(args)...) {}

  /// Lines read (bad and blank ones included) and lines that gave nothing, for the totals.
  void countLines(double lines, double unread) {
    aggregate_.countLines(static_cast<std::uint64_t>(lines), static_cast<std::uint64_t>(unread));
  }
  std::string merge(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      aggregate_.mergePartial(std::string(heapText(text, bytes)));
      return aggregate_.totals();
    });
  }
  std::string totals() const {
    return guarded([&] { return aggregate_.totals(); });
  }
  std::string partial() const {
    return textAcross([&] { return aggregate_.partialText(); });
  }
  /// For the aggregates that read NDJSON lines themselves: the bad lines.
  std::string addNdjson(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
    return guarded([&] { return aggregate_.addNdjson(heapText(text, bytes), firstLine); });
  }

  Aggregate& aggregate() { return aggregate_; }
  const Aggregate& aggregate() const { return aggregate_; }

 private:
  Aggregate aggregate_;
};

using ReportHandle = AggregateHandle<ReportAggregate>;
using NpsHandle = AggregateHandle<NpsAggregate>;
using FitHandle = AggregateHandle<FitAggregate>;
using LdpHandle = AggregateHandle<LdpAggregate>;

/// rulesHash/asOf "" when merging: taken from the first part.
PartialHeader header(std::string engine, std::string rulesHash, std::string asOf) {
  return PartialHeader{"", 0, std::move(engine), std::move(rulesHash), std::move(asOf)};
}

ReportHandle* openReport(std::string engine, std::string rulesHash, std::string asOf) {
  return new ReportHandle(header(std::move(engine), std::move(rulesHash), std::move(asOf)));
}
std::string reportAddLines(ReportHandle& h, std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
  return guarded([&] {
    h.aggregate().addInsightsNdjson(heapText(text, bytes), firstLine);
    return h.aggregate().profiles();
  });
}
std::string reportText(const ReportHandle& h) {
  return textAcross([&] { return h.aggregate().reportText(); });
}

std::string npsSummary(const NpsHandle& h) {
  return textAcross([&] { return h.aggregate().summaryText(); });
}

/// A model document that cannot be parsed must not throw out of a constructor into JS: checked first.
std::string fitAggregateBase(const std::string& base) {
  return guarded([&] {
    if (!base.empty()) scores::Model::parse(base);
    return true;
  });
}
/// `base` "" for the default model, else a model document (its settings are kept).
FitHandle* openFit(std::string engine, std::string rulesHash, std::string asOf, std::string base) {
  return new FitHandle(header(std::move(engine), std::move(rulesHash), std::move(asOf)),
                       base.empty() ? scores::Model::defaults() : scores::Model::parse(base));
}
std::string fitAddTransactions(FitHandle& h, std::uintptr_t text, std::size_t bytes) {
  return guarded([&] { return h.aggregate().addTransactions(heapText(text, bytes)); });
}
/// `repeatModel` "" keeps the base model's.
std::string fitModel(const FitHandle& h, std::string repeatModel) {
  return guarded([&] {
    scores::FitOptions options;
    if (!repeatModel.empty()) options.repeatModel = scores::parseRepeatModel(repeatModel, "/model");
    return h.aggregate().fit(options);
  });
}

std::vector<std::string> categoryList(const std::string& json) {
  const auto parsed = nlohmann::json::parse(json);
  if (!parsed.is_array() || parsed.size() < 2) throw Error(ErrorCode::Range, "/categories", "at least two categories");
  for (const auto& c : parsed) {
    if (!c.is_string()) throw Error(ErrorCode::Schema, "/categories", "categories are strings");
  }
  return parsed.get<std::vector<std::string>>();
}
/// Checked before the constructor, which must not throw into JS.
std::string ldpAggregateCategories(const std::string& categories) {
  return guarded([&] { return categoryList(categories).size(); });
}
LdpHandle* openLdp(std::string engine, std::string rulesHash, std::string categories) {
  return new LdpHandle(header(std::move(engine), std::move(rulesHash), ""), categoryList(categories));
}

/// Registers the shared protocol; the caller adds what its kind has of its own.
template <class Handle>
emscripten::class_<Handle> aggregateClass(const char* name) {
  emscripten::class_<Handle> c(name);
  c.function("countLines", &Handle::countLines)
      .function("merge", &Handle::merge)
      .function("totals", &Handle::totals)
      .function("partial", &Handle::partial);
  return c;
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_aggregates) {
  using namespace selfcrm::wasm;
  aggregateClass<ReportHandle>("ReportAggregate")
      .constructor(&openReport)
      .function("addLines", &reportAddLines)
      .function("report", &reportText);
  aggregateClass<NpsHandle>("NpsAggregate")
      .constructor<std::string>()
      .function("addNdjson", &NpsHandle::addNdjson)
      .function("summary", &npsSummary);
  emscripten::function("ldpAggregateCategories", &ldpAggregateCategories);
  aggregateClass<LdpHandle>("LdpAggregate")
      .constructor(&openLdp)
      .function("addNdjson", &LdpHandle::addNdjson);
  emscripten::function("fitAggregateBase", &fitAggregateBase);
  aggregateClass<FitHandle>("FitAggregate")
      .constructor(&openFit)
      .function("addTransactions", &fitAddTransactions)
      .function("fit", &fitModel);
}
