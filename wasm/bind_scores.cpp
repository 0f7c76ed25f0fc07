// Scores: a model handle (parse, serialise, BG/NBD predictions) and batch jobs over one NDJSON
// buffer each. Results are envelopes; bulk numeric results are written into a JS-allocated buffer.
#include <emscripten/bind.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "heap.hpp"
#include "live_objects.hpp"
#include "selfcrm/envelope.hpp"
#include "selfcrm/json_tape.hpp"
#include "selfcrm/scores/clv.hpp"
#include "selfcrm/scores/discrete_reports.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/scores/transaction_batch.hpp"

namespace selfcrm::wasm {
namespace {

using scores::Model;

std::optional<Timestamp> optionalTime(const std::string& iso, const std::string& path) {
  if (iso.empty()) return std::nullopt;
  return parseIsoTime(iso, path);
}

class ScoresModel : Counted {
 public:
  /// Replaces the model with the parsed document; on error the old model stays.
  std::string load(std::uintptr_t text, std::size_t bytes) {
    return guarded([&] {
      Model parsed = Model::parse(std::string(heapText(text, bytes)));
      model_ = std::move(parsed);
      return nullptr;
    });
  }
  std::string toJson() const {
    return guarded([&] { return model_; });
  }
  /// Summaries are rows of 4 doubles (frequency, recency, age, monetary); writes 4 doubles per row
  /// (expected purchases in t periods, P(alive), expected spend, CLV) to `out`.
  std::string predict(std::uintptr_t in, std::size_t rows, double t, std::uintptr_t out) const {
    return guarded([&] {
      const auto params = model_.repeatParams();
      if (!params) {
        throw Error(ErrorCode::NotFound, std::string("/") + scores::repeatModelKey(model_.repeatModel),
                    std::string("the model has no ") + scores::repeatModelName(model_.repeatModel) + " parameters");
      }
      if (!model_.gammaGamma) throw Error(ErrorCode::NotFound, "/gammaGamma", "the model has no Gamma-Gamma parameters");
      const double* src = heapArray<double>(in);
      double* dst = reinterpret_cast<double*>(out);
      for (std::size_t i = 0; i < rows; ++i) {  // validate all first: nothing is written on error
        scores::validate(scores::CustomerSummary{src[4 * i], src[4 * i + 1], src[4 * i + 2], src[4 * i + 3]},
                         pointerAppend("", i));
      }
      for (std::size_t i = 0; i < rows; ++i) {
        const scores::CustomerSummary c{src[4 * i], src[4 * i + 1], src[4 * i + 2], src[4 * i + 3]};
        const auto clv = scores::probabilisticClv(c, model_.repeatModel, *params, *model_.gammaGamma, model_);
        dst[4 * i] = scores::repeatExpectedPurchases(model_.repeatModel, *params, c, t);
        dst[4 * i + 1] = clv.probabilityAlive;
        dst[4 * i + 2] = clv.expectedSpend;
        dst[4 * i + 3] = clv.value;
      }
      return rows;
    });
  }
  /// Rows as for predict; returns the 95 % intervals of E[Y(t)], P(alive) and CLV per row.
  std::string intervals(std::uintptr_t in, std::size_t rows, double t) const {
    return guarded([&] {
      const double* src = heapArray<double>(in);
      std::vector<scores::CustomerSummary> customers(rows);
      for (std::size_t i = 0; i < rows; ++i) customers[i] = {src[4 * i], src[4 * i + 1], src[4 * i + 2], src[4 * i + 3]};
      return scores::predictionIntervals(model_, customers, t);
    });
  }
  /// Fits from NDJSON transactions, keeping this model's settings; returns the fit result.
  /// `repeatModel` "" keeps this model's; `holdoutFrom` "" means no holdout.
  std::string fit(std::uintptr_t text, std::size_t bytes, const std::string& asOf, const std::string& repeatModel,
                  const std::string& holdoutFrom, bool compare) const {
    return guarded([&] {
      scores::FitOptions options;
      options.asOf = optionalTime(asOf, "/asOf");
      options.holdoutFrom = optionalTime(holdoutFrom, "/holdoutFrom");
      if (!repeatModel.empty()) options.repeatModel = scores::parseRepeatModel(repeatModel, "/model");
      options.compare = compare;
      options.base = model_;
      return scores::fitModel(heapText(text, bytes), options);
    });
  }
  std::string summaries(std::uintptr_t text, std::size_t bytes, const std::string& asOf) const {
    return guarded([&] {
      return scores::summarizeTransactions(heapText(text, bytes), optionalTime(asOf, "/asOf"), model_.periodDays);
    });
  }
  std::string rfmSummary(std::uintptr_t text, std::size_t bytes, const std::string& asOf) const {
    return guarded([&] {
      const Timestamp at = parseIsoTime(asOf, "/asOf");
      return scores::rfmSummary(heapText(text, bytes), at, model_.rfm.monetary);
    });
  }

 private:
  Model model_ = Model::defaults();
};

/// sBG and BG/BB take a JSON request (see discrete_reports.hpp) and return the report.
std::string sbgReport(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] { return scores::sbgReport(parseJson(std::string(heapText(text, bytes)), "the request")); });
}
std::string bgbbReport(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] { return scores::bgbbReport(parseJson(std::string(heapText(text, bytes)), "the request")); });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_scores) {
  using namespace selfcrm::wasm;
  emscripten::class_<ScoresModel>("ScoresModel")
      .constructor<>()
      .function("load", &ScoresModel::load)
      .function("toJson", &ScoresModel::toJson)
      .function("predict", &ScoresModel::predict)
      .function("intervals", &ScoresModel::intervals)
      .function("fit", &ScoresModel::fit)
      .function("summaries", &ScoresModel::summaries)
      .function("rfmSummary", &ScoresModel::rfmSummary);
  emscripten::function("sbgReport", &sbgReport);
  emscripten::function("bgbbReport", &bgbbReport);
}
