#include <catch2/catch.hpp>

#include "require_error.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "../golden/insight_lines.hpp"
#include "../golden/transaction_lines.hpp"
#include "selfcrm/aggregates/exact_sum.hpp"
#include "selfcrm/aggregates/fit_aggregate.hpp"
#include "selfcrm/aggregates/ldp_aggregate.hpp"
#include "selfcrm/aggregates/nps_aggregate.hpp"
#include "selfcrm/aggregates/report_aggregate.hpp"
#include "selfcrm/aggregates/value_multiset.hpp"

using namespace selfcrm;
using namespace selfcrm::aggregates;
using selfcrm::test::requireError;

namespace {

/// Splits `n` items into `k` non-empty runs of random lengths: the cut points.
std::vector<std::size_t> cuts(std::size_t n, std::size_t k, std::mt19937_64& rng) {
  std::vector<std::size_t> points{0, n};
  while (points.size() < k + 1) {
    const std::size_t p = 1 + rng() % (n - 1);
    if (std::find(points.begin(), points.end(), p) == points.end()) points.push_back(p);
  }
  std::sort(points.begin(), points.end());
  return points;
}

PartialHeader header() { return {"", 0, "test-1", "rules-a", "2026-11-01T00:00:00Z"}; }

std::string joined(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += lines[i] + "\n";
  return out;
}

}  // namespace

TEST_CASE("an exact sum is the correctly rounded sum of its terms, in any order and grouping", "[aggregates]") {
  std::mt19937_64 rng(21);
  for (int round = 0; round < 20; ++round) {
    // Terms k·2^-40 with |k| < 2^50: their exact sum fits a 128-bit integer, the reference.
    std::vector<double> terms;
    __int128 exact = 0;
    for (int i = 0; i < 2000; ++i) {
      const std::int64_t k = static_cast<std::int64_t>(rng() % (std::uint64_t{1} << 50)) - (std::int64_t{1} << 49);
      const std::int64_t shrunk = round % 2 ? k : k >> (rng() % 48);  // mixed magnitudes
      exact += shrunk;
      terms.push_back(std::ldexp(static_cast<double>(shrunk), -40));
    }
    const double want = std::ldexp(static_cast<double>(exact), -40);
    ExactSum whole;
    for (double t : terms) whole.add(t);
    CHECK(whole.value() == want);

    std::shuffle(terms.begin(), terms.end(), rng);
    const auto at = cuts(terms.size(), 7, rng);
    std::vector<ExactSum> parts(7);
    for (std::size_t p = 0; p < 7; ++p) {
      for (std::size_t i = at[p]; i < at[p + 1]; ++i) parts[p].add(terms[i]);
    }
    std::shuffle(parts.begin(), parts.end(), rng);
    ExactSum left, right;
    for (std::size_t p = 0; p < 3; ++p) left.merge(parts[p]);
    for (std::size_t p = 3; p < 7; ++p) right.merge(parts[p]);
    right.merge(ExactSum::fromTerms(left.canonical()));
    CHECK(right.value() == want);
    CHECK(right.canonical() == whole.canonical());
  }
}

TEST_CASE("an exact sum: cancellation, x·count and refusals", "[aggregates]") {
  ExactSum s;
  for (double t : {1e100, 1.0, -1e100, 1.0}) s.add(t);
  CHECK(s.value() == 2.0);
  ExactSum tenth;
  for (int i = 0; i < 10; ++i) tenth.add(0.1);
  CHECK(tenth.value() == 1.0);  // the naive sum is 0.9999999999999999
  ExactSum times;
  times.addTimes(0.1, 10);
  CHECK(times.canonical() == tenth.canonical());
  CHECK(ExactSum().canonical().empty());
  requireError([] { ExactSum().add(NAN); }, ErrorCode::Range, "");
  requireError([] { ExactSum x; x.add(1e308); x.add(1e308); }, ErrorCode::Range, "");
}

TEST_CASE("a value multiset: percentiles by rank, -0 as 0, mean from the exact sum", "[aggregates]") {
  std::mt19937_64 rng(5);
  std::vector<double> values;
  ValueMultiset set;
  for (int i = 0; i < 1001; ++i) {
    values.push_back(static_cast<double>(rng() % 50) / 3.0);
    set.add(values.back());
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.0, 0.1, 0.5, 0.9, 0.999}) {
    CHECK(set.quantile(q) == values[std::min(values.size() - 1, static_cast<std::size_t>(std::floor(q * values.size())))]);
  }
  ValueMultiset zeros;
  zeros.add(-0.0);
  zeros.add(0.0);
  CHECK(zeros.toJson().dump() == R"({"counts":[2],"values":[0.0]})");
  requireError([] { ValueMultiset::fromJson(nlohmann::json::parse(R"({"values":[2,1],"counts":[1,1]})"), "/x"); }, ErrorCode::Range, "/x/values/1");
  requireError([] { ValueMultiset::fromJson(nlohmann::json::parse(R"({"values":[1],"counts":[0]})"), "/x"); }, ErrorCode::Schema, "/x/counts/0");
}

TEST_CASE("the report of merged parts is the single run's, for any split, order and grouping", "[aggregates]") {
  const auto lines = golden::insightLines(500, 3);
  ReportAggregate single(header());
  single.addInsightsNdjson(joined(lines, 0, lines.size()));
  single.countLines(lines.size(), 0);
  const std::string report = single.reportText();
  const std::string partial = single.partialText();
  std::mt19937_64 rng(7);
  for (std::size_t k : {1, 2, 7, 13}) {
    const auto at = k == 1 ? std::vector<std::size_t>{0, lines.size()} : cuts(lines.size(), k, rng);
    std::vector<std::string> parts;
    for (std::size_t p = 0; p < k; ++p) {
      ReportAggregate part(header());
      part.addInsightsNdjson(joined(lines, at[p], at[p + 1]));
      part.countLines(at[p + 1] - at[p], 0);
      parts.push_back(part.partialText());
    }
    for (int order = 0; order < 3; ++order) {
      std::shuffle(parts.begin(), parts.end(), rng);
      // A flat merge, and a tree: the first half merged into one partial, then the rest.
      ReportAggregate flat(PartialHeader{"", 0, "test-1", "", ""});
      for (const auto& p : parts) flat.mergePartial(p);
      CHECK(flat.reportText() == report);
      CHECK(flat.partialText() == partial);
      ReportAggregate half(PartialHeader{"", 0, "test-1", "", ""}), top(PartialHeader{"", 0, "test-1", "", ""});
      for (std::size_t p = 0; p < parts.size() / 2; ++p) half.mergePartial(parts[p]);
      if (parts.size() / 2 > 0) top.mergePartial(half.partialText());
      for (std::size_t p = parts.size() / 2; p < parts.size(); ++p) top.mergePartial(parts[p]);
      CHECK(top.reportText() == report);
    }
  }
}

TEST_CASE("merging refuses parts of another run and changes nothing", "[aggregates]") {
  const auto lines = golden::insightLines(20, 9);
  ReportAggregate a(header());
  a.addInsightsNdjson(joined(lines, 0, 20));
  const std::string good = a.partialText();
  ReportAggregate merged(PartialHeader{"", 0, "test-1", "", ""});
  merged.mergePartial(good);
  const std::string before = merged.partialText();
  auto edited = [&](const char* member, nlohmann::json value) {
    auto j = nlohmann::json::parse(good);
    j[member] = std::move(value);
    return j.dump();
  };
  requireError([&] { merged.mergePartial(edited("asOf", "2026-01-01T00:00:00Z")); }, ErrorCode::Conflict, "/asOf");
  requireError([&] { merged.mergePartial(edited("rulesHash", "rules-b")); }, ErrorCode::Conflict, "/rulesHash");
  requireError([&] { merged.mergePartial(edited("engine", "test-2")); }, ErrorCode::Conflict, "/engine");
  requireError([&] { merged.mergePartial(edited("version", 2)); }, ErrorCode::Version, "/version");
  requireError([&] { merged.mergePartial(edited("format", "selfcrm.nps.partial")); }, ErrorCode::Schema, "/format");
  requireError([&] { merged.mergePartial(edited("profiles", -1)); }, ErrorCode::Schema, "/profiles");
  requireError([&] { merged.mergePartial(edited("profiles", 1)); }, ErrorCode::Range, "/advocacy");
  requireError([&] { merged.mergePartial("{\"format\""); }, ErrorCode::Parse, "");
  CHECK(merged.partialText() == before);
  requireError([] { ReportAggregate(header()).reportText(); }, ErrorCode::Empty, "");
}

TEST_CASE("NPS parts merge into the single run's summary", "[aggregates]") {
  std::string lines;
  for (int i = 0; i < 101; ++i) lines += "{\"score\":" + std::to_string((i * 7) % 11) + "}\n";
  NpsAggregate single("test-1");
  single.addNdjson(lines, 1);
  single.countLines(101, 0);
  NpsAggregate merged("test-1");
  std::size_t start = 0;
  for (std::size_t cut : {std::size_t{13}, std::size_t{14}, std::size_t{101}}) {
    std::string part;
    for (std::size_t i = start; i < cut; ++i) part += "{\"score\":" + std::to_string((i * 7) % 11) + "}\n";
    NpsAggregate a("test-1");
    a.addNdjson(part, start + 1);
    a.countLines(cut - start, 0);
    merged.mergePartial(a.partialText());
    start = cut;
  }
  CHECK(merged.summaryText() == single.summaryText());
  CHECK(merged.partialText() == single.partialText());
  NpsAggregate other("test-2");
  requireError([&] { other.mergePartial(single.partialText()); }, ErrorCode::Conflict, "/engine");
}

TEST_CASE("the model fitted from parts split by customer is the single run's, byte for byte", "[aggregates]") {
  const std::string text = golden::transactionLines(150, 17);
  std::vector<std::string> lines;
  for (std::size_t at = 0, end; at < text.size(); at = end + 1) lines.push_back(text.substr(at, (end = text.find('\n', at)) - at));
  scores::FitOptions options;
  options.asOf = parseIsoTime("2025-01-01");
  const std::string single = nlohmann::json(scores::fitModel(text, options).model).dump();
  // The order of the lines does not matter either (a customer's sums add in one canonical order).
  std::vector<std::string> shuffled = lines;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(3));
  std::string reordered;
  for (const auto& line : shuffled) reordered += line + "\n";
  CHECK(nlohmann::json(scores::fitModel(reordered, options).model).dump() == single);
  PartialHeader h{"", 0, "test-1", "rules-a", "2025-01-01"};
  for (std::size_t k : {1, 3}) {
    std::vector<std::string> shards(k);
    for (const auto& line : lines) {
      const auto id = line.substr(line.find("\"customerId\":\"") + 14, 6);
      shards[aggregates::customerHash(id.substr(0, id.find('"'))) % k] += line + "\n";
    }
    FitAggregate merged(PartialHeader{"", 0, "test-1", "rules-a", ""}, scores::Model::defaults());
    for (std::size_t p = k; p-- > 0;) {
      FitAggregate part(h, scores::Model::defaults());
      part.addTransactions(shards[p]);
      merged.mergePartial(part.partialText());
    }
    CHECK(nlohmann::json(merged.fit({}).model).dump() == single);
  }
  FitAggregate a(h, scores::Model::defaults()), b(h, scores::Model::defaults());
  a.addTransactions(lines[0] + "\n");
  b.addTransactions(lines[0] + "\n");
  requireError([&] { a.mergePartial(b.partialText()); }, ErrorCode::Conflict, "/customers");
}

TEST_CASE("local-DP report counts merge into the single run's, and other categories are refused", "[aggregates]") {
  const std::vector<std::string> names = {"a", "b", "c"};
  PartialHeader h{"", 0, "test-1", "m", ""};
  LdpAggregate single(h, names), first(h, names), second(h, names), merged(h, names);
  const std::string one = "{\"report\":\"a\"}\n{\"report\":\"c\"}\n", two = "{\"report\":\"c\"}\n{\"report\":\"d\"}\n";
  single.addNdjson(one + two, 1);
  first.addNdjson(one, 1);
  CHECK(second.addNdjson(two, 3).size() == 1);
  merged.mergePartial(second.partialText());
  merged.mergePartial(first.partialText());
  CHECK(merged.totals() == single.totals());
  CHECK(merged.partialText() == single.partialText());
  LdpAggregate other(h, {"a", "b"});
  requireError([&] { other.mergePartial(first.partialText()); }, ErrorCode::Conflict, "/categories");
}
