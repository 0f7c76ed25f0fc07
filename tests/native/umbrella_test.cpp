// The umbrella header alone is enough for a C++ user: it compiles by itself and reaches every area.
#include "selfcrm/selfcrm.hpp"

#include <catch2/catch.hpp>

TEST_CASE("selfcrm/selfcrm.hpp alone reaches the vault, scores and NPS", "[umbrella]") {
  selfcrm::Vault vault("u1");
  CHECK(vault.profile().id == "u1");
  const double answers[] = {10, 9, 3};
  CHECK(selfcrm::summarizeNps(answers, 3).promoters == 2);
  CHECK(selfcrm::scores::Model::defaults().periodDays > 0);
}
