#include "selfcrm/scores/predict.hpp"

#include "selfcrm/error.hpp"
#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/clv.hpp"
#include "selfcrm/scores/repeat_model.hpp"

namespace selfcrm::scores {
namespace {
CustomerSummary row(const double* summaries, std::size_t i) {
  const double* r = summaries + kSummaryColumns * i;
  return CustomerSummary{r[0], r[1], r[2], r[3]};
}
}  // namespace

void predictColumns(const Model& model, const double* summaries, std::size_t rows, double periods, double* out) {
  const auto params = model.repeatParams();
  if (!params) {
    throw Error(ErrorCode::NotFound, std::string("/") + repeatModelKey(model.repeatModel),
                std::string("the model has no ") + repeatModelName(model.repeatModel) + " parameters");
  }
  if (!model.gammaGamma) throw Error(ErrorCode::NotFound, "/gammaGamma", "the model has no Gamma-Gamma parameters");
  for (std::size_t i = 0; i < rows; ++i) validate(row(summaries, i), pointerAppend("", i));  // all before any write
  for (std::size_t i = 0; i < rows; ++i) {
    const CustomerSummary c = row(summaries, i);
    const auto clv = probabilisticClv(c, model.repeatModel, *params, *model.gammaGamma, model);
    double* o = out + kPredictionColumns * i;
    o[0] = repeatExpectedPurchases(model.repeatModel, *params, c, periods);
    o[1] = clv.probabilityAlive;
    o[2] = clv.expectedSpend;
    o[3] = clv.value;
  }
}

}  // namespace selfcrm::scores
