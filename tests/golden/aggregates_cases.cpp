// Mergeable aggregates (issue 21): exact sums, the report's and NPS's partial summaries and their
// merges must be byte-identical between the native and the wasm build.
#include <nlohmann/json.hpp>

#include "golden.hpp"
#include "insight_lines.hpp"
#include "transaction_lines.hpp"
#include "selfcrm/aggregates/fit_aggregate.hpp"
#include "selfcrm/aggregates/ldp_aggregate.hpp"
#include "selfcrm/aggregates/exact_sum.hpp"
#include "selfcrm/aggregates/nps_aggregate.hpp"
#include "selfcrm/aggregates/report_aggregate.hpp"
#include "selfcrm/detail/envelope.hpp"

using namespace selfcrm;
using namespace selfcrm::aggregates;

namespace {

PartialHeader header(const std::string& asOf = "2026-11-01T00:00:00Z") { return {"", 0, "test-1", "rules-a", asOf}; }

std::string joined(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += lines[i] + "\n";
  return out;
}

}  // namespace

SELFCRM_GOLDEN("aggregates/exact-sum") {
  return guarded([] {
    nlohmann::json out = nlohmann::json::array();
    const std::vector<std::vector<double>> cases = {
        {1e100, 1.0, -1e100, 1e-100},
        {0.1, 0.2, 0.3, -0.6},
        {9007199254740992.0, -0.5, -5.551115123125783e-17},
        {9007199254740992.0, 1.0, 7.888609052210118e-31},
        {1e308, -1e308, 4.9406564584124654e-324, 4.9406564584124654e-324},
        {}};
    for (const auto& terms : cases) {
      ExactSum s;
      for (double t : terms) s.add(t);
      out.push_back({{"value", s.value()}, {"canonical", s.canonical()}});
    }
    ExactSum times;
    times.addTimes(0.1, 3);
    times.addTimes(1.0 / 3.0, (std::uint64_t{1} << 53) + 5);
    out.push_back({{"value", times.value()}, {"canonical", times.canonical()}});
    return out;
  });
}

SELFCRM_GOLDEN("aggregates/report-single-and-merged") {
  return guarded([] {
    const auto lines = golden::insightLines(300, 11);
    ReportAggregate single(header());
    single.addInsightsNdjson(joined(lines, 0, lines.size()));
    single.countLines(305, 5);
    ReportAggregate merged(PartialHeader{"", 0, "test-1", "", ""});
    const std::size_t cuts[] = {0, 1, 140, 141, 300};
    for (std::size_t k = 4; k-- > 0;) {
      ReportAggregate part(header());
      part.addInsightsNdjson(joined(lines, cuts[k], cuts[k + 1]));
      part.countLines(cuts[k + 1] - cuts[k] + (k == 2 ? 5 : 0), k == 2 ? 5 : 0);
      merged.mergePartial(part.partialText());
    }
    return nlohmann::json{{"report", single.reportText()}, {"partial", single.partialText()},
                          {"mergedEqual", merged.reportText() == single.reportText()}};
  });
}

SELFCRM_GOLDEN("aggregates/nps-merged") {
  return guarded([] {
    NpsAggregate a("test-1"), b("test-1"), merged("test-1");
    a.addNdjson("{\"score\":9}\n{\"score\":3}\n{\"score\":7}\n", 1);
    a.countLines(3, 0);
    b.addNdjson("{\"score\":10}\nnope\n", 4);
    b.countLines(2, 1);
    merged.mergePartial(b.partialText());
    merged.mergePartial(a.partialText());
    return nlohmann::json{{"partial", a.partialText()}, {"summary", merged.summaryText()}};
  });
}

SELFCRM_GOLDEN("aggregates/refused-parts") {
  nlohmann::json out = nlohmann::json::array();
  ReportAggregate other(header("2026-10-01T00:00:00Z"));
  other.addInsightsNdjson(golden::insightLines(3, 2)[0]);
  ReportAggregate first(header());
  const std::string parts[] = {other.partialText(), "{\"format\":\"selfcrm.nps.partial\"}", "[1", "{\"format\":\"selfcrm.report.partial\",\"version\":2}"};
  for (const auto& part : parts) {
    out.push_back(nlohmann::json::parse(guarded([&] {
      first.mergePartial(part);
      return first.profiles();
    })));
  }
  return okEnvelope(out);
}

SELFCRM_GOLDEN("aggregates/fit-merged") {
  return guarded([] {
    const std::string lines = golden::transactionLines(60, 4);
    const std::size_t cut = lines.find("\"customerId\":\"c30\"");
    const std::size_t at = lines.rfind('\n', cut) + 1;
    PartialHeader h{"", 0, "test-1", "rules-a", "2025-01-01"};
    FitAggregate first(h, scores::Model::defaults()), second(h, scores::Model::defaults());
    first.addTransactions(lines.substr(0, at));
    second.addTransactions(lines.substr(at));
    FitAggregate merged(PartialHeader{"", 0, "test-1", "rules-a", ""}, scores::Model::defaults());
    merged.mergePartial(second.partialText());
    merged.mergePartial(first.partialText());
    return nlohmann::json{{"partial", second.partialText()}, {"model", merged.fit({}).model}};
  });
}

SELFCRM_GOLDEN("aggregates/ldp-merged") {
  return guarded([] {
    const std::vector<std::string> names = {"detractor", "passive", "promoter"};
    PartialHeader h{"", 0, "test-1", "mechanism-a", ""};
    LdpAggregate a(h, names), b(h, names), merged(h, names);
    const auto rejects = a.addNdjson("{\"report\":\"promoter\"}\n{\"report\":\"x\"}\n{\"nope\":1}\n[\n", 1);
    b.addNdjson("{\"report\":\"passive\"}\n{\"report\":\"promoter\"}\n", 5);
    merged.mergePartial(a.partialText());
    merged.mergePartial(b.partialText());
    return nlohmann::json{{"rejects", rejects}, {"partial", b.partialText()}, {"totals", merged.totals()}};
  });
}
