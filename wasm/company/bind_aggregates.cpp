// Mergeable aggregates (issue 21): per-shard partial summaries and their merge, for `report` and
// `nps`. Every method returns an envelope; the maths is in core/src/aggregates.
#include <emscripten/bind.h>

#include <string>

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

class ReportAggregateHandle : Counted {
 public:
  /// rulesHash/asOf "" when merging: taken from the first part.
  ReportAggregateHandle(std::string engine, std::string rulesHash, std::string asOf)
      : aggregate_(PartialHeader{"", 0, std::move(engine), std::move(rulesHash), std::move(asOf)}) {}
  std::string addLines(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
    return guarded([&] {
      aggregate_.addInsightsNdjson(heapText(text, bytes), firstLine);
      return aggregate_.profiles();
    });
  }
  void countLines(double lines, double rejected) {
    aggregate_.countLines(static_cast<std::uint64_t>(lines), static_cast<std::uint64_t>(rejected));
  }
  std::string merge(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      aggregate_.mergePartial(std::string(heapText(text, bytes)));
      return nlohmann::json{{"lines", aggregate_.lines()}, {"rejected", aggregate_.rejected()}, {"profiles", aggregate_.profiles()}};
    });
  }
  std::string partial() const {
    return textAcross([&] { return aggregate_.partialText(); });
  }
  std::string report() const {
    return textAcross([&] { return aggregate_.reportText(); });
  }

 private:
  ReportAggregate aggregate_;
};

class NpsAggregateHandle : Counted {
 public:
  explicit NpsAggregateHandle(std::string engine) : aggregate_(std::move(engine)) {}
  std::string addNdjson(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
    return guarded([&] { return aggregate_.addNdjson(heapText(text, bytes), firstLine); });
  }
  void countLines(double lines, double rejected) {
    aggregate_.addLines(static_cast<std::uint64_t>(lines), static_cast<std::uint64_t>(rejected));
  }
  std::string merge(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      aggregate_.mergePartial(std::string(heapText(text, bytes)));
      return totalsJson();
    });
  }
  std::string totals() const {
    return guarded([&] { return totalsJson(); });
  }
  std::string partial() const {
    return textAcross([&] { return aggregate_.partialText(); });
  }
  std::string summary() const {
    return textAcross([&] { return aggregate_.summaryText(); });
  }

 private:
  nlohmann::json totalsJson() const {
    return {{"lines", aggregate_.lines()}, {"rejected", aggregate_.rejected()}, {"answers", aggregate_.tally().count()}};
  }
  NpsAggregate aggregate_;
};

class FitAggregateHandle : Counted {
 public:
  /// `base` "" for the default model, else a model document (its settings are kept).
  FitAggregateHandle(std::string engine, std::string rulesHash, std::string asOf, const std::string& base)
      : aggregate_(PartialHeader{"", 0, std::move(engine), std::move(rulesHash), std::move(asOf)},
                   base.empty() ? scores::Model::defaults() : scores::Model::parse(base)) {}
  std::string addTransactions(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] { return aggregate_.addTransactions(heapText(text, bytes)); });
  }
  void countLines(double lines, double unread) {
    aggregate_.countLines(static_cast<std::uint64_t>(lines), static_cast<std::uint64_t>(unread));
  }
  std::string merge(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      aggregate_.mergePartial(std::string(heapText(text, bytes)));
      return totalsJson();
    });
  }
  std::string totals() const {
    return guarded([&] { return totalsJson(); });
  }
  std::string partial() const {
    return textAcross([&] { return aggregate_.partialText(); });
  }
  /// `repeatModel` "" keeps the base model's.
  std::string fit(const std::string& repeatModel) const {
    return guarded([&] {
      scores::FitOptions options;
      if (!repeatModel.empty()) options.repeatModel = scores::parseRepeatModel(repeatModel, "/model");
      return aggregate_.fit(options);
    });
  }

 private:
  nlohmann::json totalsJson() const {
    return {{"lines", aggregate_.lines()}, {"linesUsed", aggregate_.linesUsed()}, {"rejected", aggregate_.rejected()},
            {"customers", aggregate_.customers()}};
  }
  FitAggregate aggregate_;
};

/// A model document that cannot be parsed must not throw out of a constructor into JS: checked first.
std::string fitAggregateBase(const std::string& base) {
  return guarded([&] {
    if (!base.empty()) scores::Model::parse(base);
    return true;
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

class LdpAggregateHandle : Counted {
 public:
  LdpAggregateHandle(std::string engine, std::string rulesHash, const std::string& categories)
      : aggregate_(PartialHeader{"", 0, std::move(engine), std::move(rulesHash), ""}, categoryList(categories)) {}
  std::string addNdjson(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
    return guarded([&] { return aggregate_.addNdjson(heapText(text, bytes), firstLine); });
  }
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

 private:
  LdpAggregate aggregate_;
};

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_aggregates) {
  using namespace selfcrm::wasm;
  emscripten::class_<ReportAggregateHandle>("ReportAggregate")
      .constructor<std::string, std::string, std::string>()
      .function("addLines", &ReportAggregateHandle::addLines)
      .function("countLines", &ReportAggregateHandle::countLines)
      .function("merge", &ReportAggregateHandle::merge)
      .function("partial", &ReportAggregateHandle::partial)
      .function("report", &ReportAggregateHandle::report);
  emscripten::class_<NpsAggregateHandle>("NpsAggregate")
      .constructor<std::string>()
      .function("addNdjson", &NpsAggregateHandle::addNdjson)
      .function("countLines", &NpsAggregateHandle::countLines)
      .function("merge", &NpsAggregateHandle::merge)
      .function("totals", &NpsAggregateHandle::totals)
      .function("partial", &NpsAggregateHandle::partial)
      .function("summary", &NpsAggregateHandle::summary);
  emscripten::function("ldpAggregateCategories", &ldpAggregateCategories);
  emscripten::class_<LdpAggregateHandle>("LdpAggregate")
      .constructor<std::string, std::string, std::string>()
      .function("addNdjson", &LdpAggregateHandle::addNdjson)
      .function("countLines", &LdpAggregateHandle::countLines)
      .function("merge", &LdpAggregateHandle::merge)
      .function("totals", &LdpAggregateHandle::totals)
      .function("partial", &LdpAggregateHandle::partial);
  emscripten::function("fitAggregateBase", &fitAggregateBase);
  emscripten::class_<FitAggregateHandle>("FitAggregate")
      .constructor<std::string, std::string, std::string, std::string>()
      .function("addTransactions", &FitAggregateHandle::addTransactions)
      .function("countLines", &FitAggregateHandle::countLines)
      .function("merge", &FitAggregateHandle::merge)
      .function("totals", &FitAggregateHandle::totals)
      .function("partial", &FitAggregateHandle::partial)
      .function("fit", &FitAggregateHandle::fit);
}
