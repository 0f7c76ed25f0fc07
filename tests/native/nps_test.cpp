#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "require_error.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "selfcrm/error.hpp"
#include "selfcrm/nps.hpp"
#include "selfcrm/nps_ndjson.hpp"

using namespace selfcrm;
using selfcrm::test::requireError;


TEST_CASE("NPS classification boundaries", "[nps]") {
  for (int s = 0; s <= 6; ++s) CHECK(classifyNps(s) == NpsCategory::Detractor);
  CHECK(classifyNps(7) == NpsCategory::Passive);
  CHECK(classifyNps(8) == NpsCategory::Passive);
  CHECK(classifyNps(9) == NpsCategory::Promoter);
  CHECK(classifyNps(10) == NpsCategory::Promoter);
  CHECK(std::string(categoryName(NpsCategory::Passive)) == "passive");
}

TEST_CASE("NPS classification rejects what is not an integer 0-10", "[nps][errors]") {
  const double bad[] = {-1, 11, 6.5, -0.5, 10.000001, std::numeric_limits<double>::quiet_NaN(),
                        std::numeric_limits<double>::infinity()};
  for (double b : bad) requireError([&] { classifyNps(b, "/x"); }, ErrorCode::Range, "/x");
}

TEST_CASE("population NPS against hand-computed values", "[nps]") {
  // 5 promoters, 3 passives, 2 detractors: NPS = 30; var = 0.7 - 0.09 = 0.61; SE = 100*sqrt(0.061).
  std::vector<double> answers = {10, 9, 9, 10, 9, 8, 7, 7, 3, 0};
  NpsSummary s = summarizeNps(answers.data(), answers.size());
  CHECK(s.promoters == 5);
  CHECK(s.passives == 3);
  CHECK(s.detractors == 2);
  CHECK(s.n == 10);
  CHECK(s.nps == Approx(30.0).epsilon(1e-15));
  CHECK(s.standardError == Approx(100.0 * std::sqrt(0.061)).epsilon(1e-14));
  CHECK(s.ci95Low == Approx(30.0 - 1.959963984540054 * s.standardError));
  CHECK(s.ci95High == Approx(30.0 + 1.959963984540054 * s.standardError));
}

TEST_CASE("population NPS edges", "[nps]") {
  SECTION("all promoters: +100 with a degenerate interval") {
    std::vector<double> a(25, 10);
    NpsSummary s = summarizeNps(a.data(), a.size());
    CHECK(s.nps == 100.0);
    CHECK(s.standardError == 0.0);
    CHECK(s.ci95Low == 100.0);
    CHECK(s.ci95High == 100.0);
  }
  SECTION("all detractors: -100") {
    std::vector<double> a = {0, 1, 2, 3, 4, 5, 6};
    NpsSummary s = summarizeNps(a.data(), a.size());
    CHECK(s.nps == -100.0);
    CHECK(s.ci95Low == -100.0);
    CHECK(s.ci95High == -100.0);
  }
  SECTION("one passive answer") {
    double a = 7;
    NpsSummary s = summarizeNps(&a, 1);
    CHECK(s.nps == 0.0);
    CHECK(s.n == 1);
    CHECK(s.passives == 1);
  }
  SECTION("the interval is clipped to [-100, 100]") {
    std::vector<double> a = {10, 10, 10, 0};  // NPS 50, SE 43.3: the upper bound would pass 100
    NpsSummary s = summarizeNps(a.data(), a.size());
    CHECK(s.nps == 50.0);
    CHECK(s.ci95High == 100.0);
    CHECK(s.ci95Low == Approx(50.0 - 1.959963984540054 * 100.0 * std::sqrt(0.75 / 4)));
  }
  SECTION("empty input is a coded error") {
    requireError([] { summarizeNps(nullptr, 0); }, ErrorCode::Empty, "");
  }
  SECTION("a bad answer names its index") {
    std::vector<double> a = {10, 9, 12, 3};
    requireError([&] { summarizeNps(a.data(), a.size()); }, ErrorCode::Range, "/2");
  }
}

TEST_CASE("NPS tallies merge like one tally", "[nps]") {
  NpsTally a, b, all;
  for (int s : {10, 3, 8}) { a.add(s); all.add(s); }
  for (int s : {9, 9, 0, 7}) { b.add(s); all.add(s); }
  a.merge(b);
  CHECK(a.summary().nps == all.summary().nps);
  CHECK(a.count() == 7);
}

TEST_CASE("NPS NDJSON: valid lines counted, bad lines reported with line numbers", "[nps][ndjson]") {
  NpsTally tally;
  const std::string text =
      "{\"id\":\"a\",\"score\":10}\n"
      "\n"                                  // blank: skipped, still numbered
      "{\"id\":2,\"score\":6}\r\n"
      "{\"id\":\"c\",\"score\":11}\n"       // range
      "not json\n"                          // parse
      "[1,2]\n"                             // schema: not an object
      "{\"id\":\"f\"}\n"                    // schema: missing score
      "{\"id\":\"g\",\"score\":\"9\"}\n"    // schema: score is a string
      "{\"id\":[1],\"score\":9}\n"          // schema: id type
      "{\"score\":8,\"extra\":true}";       // no trailing newline; extra fields ignored
  auto rejects = tallyNpsNdjson(tally, text, 1);
  CHECK(tally.count() == 3);
  REQUIRE(rejects.size() == 6);
  CHECK(rejects[0].line == 4);
  CHECK(rejects[0].code == ErrorCode::Range);
  CHECK(rejects[0].path == "/score");
  CHECK(rejects[1].line == 5);
  CHECK(rejects[1].code == ErrorCode::Parse);
  CHECK(rejects[2].code == ErrorCode::Schema);
  CHECK(rejects[2].path == "");
  CHECK(rejects[3].path == "/score");
  CHECK(rejects[4].code == ErrorCode::Schema);
  CHECK(rejects[4].path == "/score");
  CHECK(rejects[5].line == 9);
  CHECK(rejects[5].path == "/id");
}

TEST_CASE("NPS NDJSON chunks keep global line numbers", "[nps][ndjson]") {
  NpsTally tally;
  auto rejects = tallyNpsNdjson(tally, "{\"score\":3}\n{\"score\":-1}\n", 101);
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].line == 102);
}

TEST_CASE("NPS NDJSON classified per line, in order, with rejects", "[nps][ndjson]") {
  auto out = classifyNpsNdjson("{\"id\":\"a\",\"score\":9}\n{\"score\":13}\n{\"id\":7,\"score\":6}\n", 10);
  CHECK(out.results == 2);
  CHECK(out.ndjson ==
        "{\"category\":\"promoter\",\"id\":\"a\",\"score\":9}\n"
        "{\"category\":\"detractor\",\"id\":7,\"score\":6}\n");
  REQUIRE(out.rejects.size() == 1);
  CHECK(out.rejects[0].line == 11);
}
