// Scores: a model handle (parse, serialise, predictions with a fitted model) and batch jobs over
// one NDJSON buffer each. Results are envelopes; bulk numeric results are written into a
// JS-allocated buffer. Fitting is company-side: wasm/company/bind_fit.cpp.
#include <emscripten/bind.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "heap.hpp"
#include "live_objects.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/scores/clv.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/scores/predict.hpp"

namespace selfcrm::wasm {
namespace {

using scores::Model;

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
      scores::predictColumns(model_, heapArray<double>(in), rows, t, reinterpret_cast<double*>(out));
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
      .function("intervals", &ScoresModel::intervals);
}
