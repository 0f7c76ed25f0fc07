// The score card written as text is exactly what the card's JSON tree dumps to, for generated
// profiles with and without purchases, with the default model and a fitted one.
#include <catch2/catch.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/scores/score_card.hpp"
#include "selfcrm/time.hpp"
#include "vault_gen.hpp"

using namespace selfcrm;
using nlohmann::json;

TEST_CASE("appendScoreCard writes the card's JSON byte for byte", "[scores][score_card_text]") {
  const scores::Model defaults = scores::Model::defaults();
  const scores::Model fitted = scores::Model::parse(
      R"({"schemaVersion":1,"bgnbd":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426},"gammaGamma":{"p":6.25,"q":3.74,"gamma":15.44}})");
  REQUIRE(fitted.bgnbd);
  REQUIRE(fitted.gammaGamma);
  const Timestamp asOf = fromCivil(2100, 1, 1);  // after every generated record
  int withPurchases = 0, scored = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    const Profile p = vaultgen::document(seed, 12).profile;
    for (const scores::Model* model : {&defaults, &fitted}) {
      scores::ScoreCard card;
      try {
        card = scores::scoreProfile(p, *model, asOf);
      } catch (const Error&) {
        continue;  // generated values the scores refuse (e.g. a negative referral value)
      }
      ++scored;
      withPurchases += p.history.transactions.empty() ? 0 : 1;
      std::string text = "prefix";
      scores::appendScoreCard(text, card);
      REQUIRE(text == "prefix" + json(card).dump(-1, ' ', false, json::error_handler_t::replace));
      std::string line;
      scores::appendScoreLine(line, p.id, card);
      REQUIRE(line == json{{"id", p.id}, {"scores", card}}.dump(-1, ' ', false, json::error_handler_t::replace));
    }
  }
  CHECK(scored > 150);
  CHECK(withPurchases > 50);
  CHECK(withPurchases < scored);
}
