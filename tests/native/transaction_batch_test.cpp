#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "scores_fixtures.hpp"
#include "selfcrm/scores/transaction_batch.hpp"
#include "selfcrm/scores/transaction_line.hpp"

using namespace selfcrm;
using namespace selfcrm::scores;
using scores_test::failure;

TEST_CASE("transaction lines: fast and full parser agree", "[scores][batch]") {
  for (const char* amount : {"0.1", "123.456", "-7", "0", "19.99", "1e2", "12345678901234567", "0.000001"}) {
    INFO(amount);
    std::string line = std::string(R"({"customerId":"a","at":"2024-01-01","amount":)") + amount + "}";
    CHECK(parseTransactionLine(line).amount == nlohmann::json::parse(amount).get<double>());
  }
  auto escaped = parseTransactionLine(R"({"customerId":"a\u0062","at":"2024-01-01T10:00:00Z","amount":1,"margin":0.5,"x":[1]})");
  CHECK(escaped.customerId == "ab");
  CHECK(escaped.margin == 0.5);
  CHECK(escaped.at == scores_test::day(2024, 1, 1) + 36000);
  CHECK(failure([] { parseTransactionLine("nope"); }) == "E_PARSE ");
  CHECK(failure([] { parseTransactionLine("[1]"); }) == "E_SCHEMA ");
  CHECK(failure([] { parseTransactionLine(R"({"at":"2024-01-01","amount":1})"); }) == "E_SCHEMA /customerId");
  CHECK(failure([] { parseTransactionLine(R"({"customerId":"a","at":"2024-02-30","amount":1})"); }) == "E_RANGE /at");
  CHECK(failure([] { parseTransactionLine(R"({"customerId":"a","at":"2024-02-03","amount":"1"})"); }) == "E_SCHEMA /amount");
  CHECK(failure([] { parseTransactionLine(R"({"customerId":7.5,"at":"2024-02-03","amount":1})"); }) == "E_SCHEMA /customerId");
  // Numeric ids, as exports and typed CSV cells carry them, read as their digits.
  CHECK(parseTransactionLine(R"({"customerId":1007,"at":"2024-02-03","amount":1})").customerId == "1007");
  // A field given twice takes neither value: the line is refused, on the fast path too.
  CHECK(failure([] { parseTransactionLine(R"({"customerId":"a","at":"2024-02-03","amount":1,"amount":9})"); }) == "E_SCHEMA /amount");
  CHECK(failure([] { parseTransactionLine(R"({"customerId":"a","x":1,"at":"2024-02-03","amount":1,"x":2})"); }) == "E_SCHEMA /x");
}

namespace {
const char* kLines =
    "{\"customerId\":\"a\",\"at\":\"2024-03-01\",\"amount\":40}\n"
    "{\"customerId\":\"b\",\"at\":\"2024-03-10\",\"amount\":5.5}\n"
    "nope\n"
    "\n"
    "{\"customerId\":\"a\",\"at\":\"2024-03-21T10:00:00Z\",\"amount\":60,\"margin\":6}\n"
    "{\"customerId\":\"a\",\"at\":\"2024-04-02\",\"amount\":1}\n"
    "{\"customerId\":\"c\"}\n";
}

TEST_CASE("RFM summary of NDJSON transactions", "[scores][batch]") {
  const RfmSummary s = rfmSummary(kLines, scores_test::day(2024, 3, 31), MonetaryKind::Mean);
  CHECK(s.customerIds == std::vector<std::string>{"a", "b"});
  CHECK(s.recencyDays == std::vector<double>{10, 21});
  CHECK(s.frequency == std::vector<double>{2, 1});
  CHECK(s.monetary == std::vector<double>{50, 5.5});
  CHECK(s.linesUsed == 3);
  REQUIRE(s.rejects.size() == 3);  // 7 lines = 3 used + 3 rejected + 1 blank
  CHECK(s.rejects[0].line == 3);
  CHECK(s.rejects[0].code == ErrorCode::Parse);
  CHECK(s.rejects[1].line == 6);
  CHECK(s.rejects[1].path == "/at");
  CHECK(s.rejects[1].code == ErrorCode::Range);
  CHECK(s.rejects[2].line == 7);
  CHECK(s.rejects[2].path == "/at");
  CHECK(rfmSummary(kLines, scores_test::day(2024, 3, 31), MonetaryKind::Total).monetary == std::vector<double>{100, 5.5});
}

TEST_CASE("fitModel builds summaries and cut points", "[scores][batch]") {
  const char* lines =
      "{\"customerId\":\"a\",\"at\":\"2024-01-01\",\"amount\":10,\"margin\":2}\n"
      "{\"customerId\":\"a\",\"at\":\"2024-01-15\",\"amount\":20,\"margin\":4}\n"
      "{\"customerId\":\"b\",\"at\":\"2024-01-08\",\"amount\":30,\"margin\":6}\n"
      "{\"customerId\":\"a\",\"at\":\"2024-01-15T18:00:00Z\",\"amount\":5,\"margin\":1}\n";
  FitOptions options;
  options.asOf = scores_test::day(2024, 1, 29);
  const FitResult r = fitModel(lines, options);
  CHECK(r.linesUsed == 4);
  CHECK(r.customers == 2);
  // a: recency 14 d, 3 transactions, mean 35/3; b: 21 d, 1, 30. Nearest ranks of 2 values: 1,1,2,2.
  CHECK(r.model.rfm.recencyDays == Quintiles{14, 14, 21, 21});
  CHECK(r.model.rfm.frequency == Quintiles{1, 1, 3, 3});
  CHECK(r.model.rfm.monetaryValue == Quintiles{35.0 / 3, 35.0 / 3, 30, 30});
  CHECK(r.model.clv.marginRate == Approx(13.0 / 65).epsilon(1e-15));
  CHECK(r.model.fit["customers"] == 2);
  CHECK(r.model.fit.contains("bgnbd"));
  // lifetimes-style summaries in weeks: a bought on 2 days (x = 1), 2 weeks apart, first 4 weeks
  // before asOf, repeat-day spend 25; b bought once, 3 weeks before asOf.
  const CustomerHistories h = summarizeTransactions(lines, options.asOf, 7);
  CHECK(h.customerIds == std::vector<std::string>{"a", "b"});
  CHECK(h.summaries[0].frequency == 1);
  CHECK(h.summaries[0].recency == 2);
  CHECK(h.summaries[0].age == 4);
  CHECK(h.summaries[0].monetary == 25);
  CHECK(h.summaries[1].frequency == 0);
  CHECK(h.summaries[1].age == 3);
  CHECK(h.histories[0].purchaseDays == 2);
  CHECK(h.histories[0].transactions == 3);
  // Without asOf, observation ends at the latest transaction.
  CHECK(fitModel(lines, {}).model.fit["asOf"] == "2024-01-15T18:00:00Z");
  CHECK(failure([] { fitModel("nope\n", {}); }) == "E_EMPTY ");
  // Nobody bought twice: the probabilistic parameters stay null, with the reason.
  const FitResult once = fitModel("{\"customerId\":\"a\",\"at\":\"2024-01-01\",\"amount\":10}\n", options);
  CHECK_FALSE(once.model.bgnbd.has_value());
  CHECK(once.model.fit["bgnbd"]["error"]["code"] == "E_EMPTY");
}
