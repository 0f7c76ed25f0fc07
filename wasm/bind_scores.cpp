// Scores: a model handle (parse, serialise, BG/NBD predictions) and batch jobs over one NDJSON
// buffer each. Results are envelopes; bulk numeric results are written into a JS-allocated buffer.
#include <emscripten/bind.h>

#include <cmath>
#include <string>
#include <utility>

#include "heap.hpp"
#include "live_objects.hpp"
#include "selfcrm/envelope.hpp"
#include "selfcrm/scores/clv.hpp"
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
      if (!model_.bgnbd) throw Error(ErrorCode::NotFound, "/bgnbd", "the model has no BG/NBD parameters");
      if (!model_.gammaGamma) throw Error(ErrorCode::NotFound, "/gammaGamma", "the model has no Gamma-Gamma parameters");
      const double* src = heapArray<double>(in);
      double* dst = reinterpret_cast<double*>(out);
      for (std::size_t i = 0; i < rows; ++i) {  // validate all first: nothing is written on error
        scores::validate(scores::CustomerSummary{src[4 * i], src[4 * i + 1], src[4 * i + 2], src[4 * i + 3]},
                         pointerAppend("", i));
      }
      for (std::size_t i = 0; i < rows; ++i) {
        const scores::CustomerSummary c{src[4 * i], src[4 * i + 1], src[4 * i + 2], src[4 * i + 3]};
        const auto clv = scores::probabilisticClv(c, *model_.bgnbd, *model_.gammaGamma, model_);
        dst[4 * i] = scores::expectedPurchases(*model_.bgnbd, c, t);
        dst[4 * i + 1] = clv.probabilityAlive;
        dst[4 * i + 2] = clv.expectedSpend;
        dst[4 * i + 3] = clv.value;
      }
      return rows;
    });
  }
  /// Fits from NDJSON transactions, keeping this model's settings; returns the fit result.
  std::string fit(std::uintptr_t text, std::size_t bytes, const std::string& asOf) const {
    return guarded([&] {
      scores::FitOptions options;
      options.asOf = optionalTime(asOf, "/asOf");
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

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_scores) {
  using namespace selfcrm::wasm;
  emscripten::class_<ScoresModel>("ScoresModel")
      .constructor<>()
      .function("load", &ScoresModel::load)
      .function("toJson", &ScoresModel::toJson)
      .function("predict", &ScoresModel::predict)
      .function("fit", &ScoresModel::fit)
      .function("summaries", &ScoresModel::summaries)
      .function("rfmSummary", &ScoresModel::rfmSummary);
}
