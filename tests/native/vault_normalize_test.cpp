#include <catch2/catch.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/normalize.hpp"

using namespace selfcrm;

namespace {
struct Row {
  IdentityKind kind;
  const char* input;
  const char* expected;  // nullptr: must be rejected with E_RANGE
};
}  // namespace

TEST_CASE("identity normalisation table", "[vault][normalize]") {
  using K = IdentityKind;
  const Row rows[] = {
      {K::Email, "Ann@Example.COM", "ann@example.com"},
      {K::Email, "  ann.lee+news@Mail.Example.org \n", "ann.lee+news@mail.example.org"},
      {K::Email, "\tBOB@x.io", "bob@x.io"},
      {K::Email, "ann@example", nullptr},
      {K::Email, "ann", nullptr},
      {K::Email, "a@b@c.com", nullptr},
      {K::Email, "@example.com", nullptr},
      {K::Email, "ann@.com", nullptr},
      {K::Email, "ann@example.com.", nullptr},
      {K::Email, "ann@exa..mple.com", nullptr},
      {K::Email, "an n@example.com", nullptr},
      {K::Email, "   ", nullptr},
      {K::Phone, "+1 (555) 010-9999", "+15550109999"},
      {K::Phone, "+44 20 7946 0958", "+442079460958"},
      {K::Phone, "0049 30 901820", "+4930901820"},
      {K::Phone, "+33.1.23.45.67.89", "+33123456789"},
      {K::Phone, " +1/555/010/9999 ", "+15550109999"},
      {K::Phone, "555 010 9999", nullptr},
      {K::Phone, "+1 555 CALL NOW", nullptr},
      {K::Phone, "+0 555 010 9999", nullptr},
      {K::Phone, "+1234567", nullptr},
      {K::Phone, "+1234567890123456", nullptr},
      {K::Phone, "+", nullptr},
      {K::Phone, "+1 555+010", nullptr},
      {K::Twitter, "@SelfCRM", "selfcrm"},
      {K::Twitter, " selfcrm ", "selfcrm"},
      {K::Twitter, "@", nullptr},
      {K::Twitter, "self crm", nullptr},
      {K::Instagram, "@Ann.Lee_", "ann.lee_"},
      {K::Facebook, "Ann.Lee.77", "ann.lee.77"},
      {K::Linkedin, "@in-ann-lee", "in-ann-lee"},
      {K::Forum, "@Moderator", "moderator"},
      {K::Other, "UserName", "username"},
      {K::Other, "", nullptr},
  };
  for (const Row& row : rows) {
    CAPTURE(identityKindName(row.kind), row.input);
    if (row.expected) {
      CHECK(normalizeIdentity(row.kind, row.input) == row.expected);
    } else {
      try {
        normalizeIdentity(row.kind, row.input, "/value");
        FAIL("accepted");
      } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Range);
        CHECK(e.path() == "/value");
      }
    }
  }
}

TEST_CASE("the email local part keeps its case when asked", "[vault][normalize]") {
  NormalizeOptions keepCase;
  keepCase.lowercaseEmailLocalPart = false;
  CHECK(normalizeIdentity(IdentityKind::Email, " Ann.Lee@Example.COM", "", keepCase) == "Ann.Lee@example.com");
  CHECK(normalizeIdentity(IdentityKind::Email, " Ann.Lee@Example.COM") == "ann.lee@example.com");
}

TEST_CASE("identity kinds and networks by name", "[vault][normalize]") {
  for (int k = 0; k < 8; ++k) {
    const auto kind = static_cast<IdentityKind>(k);
    CHECK(identityKindFromName(identityKindName(kind), "") == kind);
  }
  CHECK_THROWS_AS(identityKindFromName("Email", "/kind"), Error);
  CHECK(normalizeNetwork("  Reddit ") == "reddit");
}
