// Distributed k-means (issue 21): the sample, a step's partial, the merged centroids, the reseed
// of an empty cluster and the one-process run must be byte-identical between native and wasm.
#include <nlohmann/json.hpp>

#include "golden.hpp"
#include "selfcrm/aggregates/kmeans_aggregate.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/math/random.hpp"

using namespace selfcrm;
using namespace selfcrm::aggregates;

namespace {

const std::vector<std::string> kColumns = {"recency", "frequency", "monetary"};

std::vector<double> rows(std::size_t n) {
  math::Random rng(21);
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i) {
    const double blob = static_cast<double>(rng.next() % 3);
    out.push_back(blob * 40 + rng.uniform() * 9);
    out.push_back(blob * 3 + rng.uniform());
    const double m = blob + rng.uniform();  // no libm: exp may differ in the last bit between builds
    out.push_back(m * m * m * 17.3);
  }
  return out;
}

PartialHeader header() { return {"", 0, "test-1", "", ""}; }

}  // namespace

SELFCRM_GOLDEN("kmeans-merge/sample-step-merge") {
  return guarded([] {
    const auto x = rows(500);
    KMeansSample a(header(), kColumns, 40), b(header(), kColumns, 40), merged(header(), kColumns, 40);
    a.addRows(x.data(), 200);
    b.addRows(x.data() + 600, 300);
    merged.mergePartial(b.partialText());
    merged.mergePartial(a.partialText());
    const std::string init = merged.initialCentroids(3, 9, 100, 1e-6).dump();
    KMeansStep s1(header(), parseCentroids(init)), s2(header(), parseCentroids(init)), step(header(), parseCentroids(init));
    s1.addRows(x.data(), 321);
    s2.addRows(x.data() + 963, 179);
    step.mergePartial(s2.partialText());
    step.mergePartial(s1.partialText());
    return nlohmann::json{{"sample", a.partialText()}, {"init", init}, {"step", s1.partialText()}, {"next", step.next(1e-6).dump()}};
  });
}

SELFCRM_GOLDEN("kmeans-merge/reseed-and-one-process") {
  return guarded([] {
    const auto x = rows(300);
    const std::string far = R"({"format":"selfcrm.kmeans.centroids","version":1,"columns":["recency","frequency","monetary"],"k":3,"iteration":0,"centroids":[[0,0,0],[1e4,1e4,1e4],[2e4,2e4,2e4]]})";
    KMeansStep step(header(), parseCentroids(far));
    step.addRows(x.data(), 300);
    const auto one = kmeansBySample(x.data(), 300, kColumns, 3, 4, 64, 50, 1e-9);
    return nlohmann::json{{"reseeded", step.next(1e-6).dump()}, {"one", one.centroids.dump()}, {"assignments", one.assignments}};
  });
}
