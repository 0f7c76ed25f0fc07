#include "selfcrm/conversations/customer_claims.hpp"

#include <cmath>
#include <string_view>

#include "selfcrm/error.hpp"

namespace selfcrm::conversations {

namespace {

constexpr const char* kDegreeNames[] = {"monologue", "venting", "skewed", "social-pressure", "objective", "community"};

std::string claimPath(std::string_view name) { return pointerAppend("/claims", std::string(name)); }

Score readScore(std::string_view name, JsonView v, const double (&bands)[3], double lo, double hi) {
  if (v.isString()) {
    const std::string_view s = v.string();
    const int band = s == "low" ? 0 : s == "medium" ? 1 : s == "high" ? 2 : -1;
    if (band < 0) throw Error(ErrorCode::Schema, claimPath(name), "a band is \"low\", \"medium\" or \"high\"");
    return Score{bands[band], true};
  }
  if (!v.isNumber()) throw Error(ErrorCode::Schema, claimPath(name), "must be a number or a band (\"low\", \"medium\", \"high\")");
  const double x = v.number();
  if (!std::isfinite(x) || x < lo || x > hi) {
    throw Error(ErrorCode::Range, claimPath(name), "out of range for " + std::string(name));
  }
  return Score{x, false};
}

bool readFlag(std::string_view name, JsonView v) {
  if (!v.isBoolean()) throw Error(ErrorCode::Schema, claimPath(name), "must be true or false");
  return v.boolean();
}

double readSentiment(std::string_view name, JsonView v) {
  if (v.isString()) {
    const std::string_view s = v.string();
    if (s == "negative") return -0.5;
    if (s == "neutral") return 0;
    if (s == "positive") return 0.5;
    throw Error(ErrorCode::Schema, claimPath(name), "sentiment is \"negative\", \"neutral\", \"positive\" or a number −1…1");
  }
  if (!v.isNumber()) throw Error(ErrorCode::Schema, claimPath(name), "must be a label or a number −1…1");
  const double x = v.number();
  if (!(x >= -1 && x <= 1)) throw Error(ErrorCode::Range, claimPath(name), "sentiment is between −1 and 1");
  return x;
}

Degree readDegree(std::string_view name, JsonView v) {
  if (v.isString()) {
    for (int i = 0; i < 6; ++i) {
      if (v.string() == kDegreeNames[i]) return static_cast<Degree>(i + 1);
    }
  }
  throw Error(ErrorCode::Schema, claimPath(name),
              "a degree is one of monologue, venting, skewed, social-pressure, objective, community");
}

NpsCategory readNps(std::string_view name, JsonView v) {
  if (v.isString()) {
    if (v.string() == "promoter") return NpsCategory::Promoter;
    if (v.string() == "passive") return NpsCategory::Passive;
    if (v.string() == "detractor") return NpsCategory::Detractor;
  }
  throw Error(ErrorCode::Schema, claimPath(name), "nps:category is promoter, passive or detractor");
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> readChannels(std::string_view name, JsonView v) {
  std::vector<std::string> out;
  if (v.isString()) {
    if (!v.string().empty()) out.push_back(lowerAscii(v.string()));
    return out;
  }
  if (!v.isArray()) throw Error(ErrorCode::Schema, claimPath(name), "must be a channel name or a list of them");
  v.forEachElement([&](std::size_t i, JsonView c) {
    if (!c.isString()) throw Error(ErrorCode::Schema, pointerAppend(claimPath(name), i), "a channel is a string");
    if (!c.string().empty()) out.push_back(lowerAscii(c.string()));
  });
  return out;
}

bool readContact(JsonView v) { return v.isString() && !v.string().empty(); }

}  // namespace

const char* degreeName(Degree degree) noexcept { return kDegreeNames[static_cast<int>(degree) - 1]; }

CustomerClaims readCustomerClaims(JsonView row, const ClaimBands& bands) {
  if (!row.isObject()) throw Error(ErrorCode::Schema, "", "a row is a JSON object {\"subject\", \"claims\"}");
  CustomerClaims c;
  JsonView subject = row;
  if (!row.find("subject", subject)) throw Error(ErrorCode::Schema, "/subject", "subject (the customer's pairwise id) is required");
  if (!subject.isString() || subject.string().empty()) throw Error(ErrorCode::Schema, "/subject", "subject must be a non-empty string");
  c.subject = std::string(subject.string());
  JsonView claims = row;
  if (!row.find("claims", claims)) throw Error(ErrorCode::Schema, "/claims", "claims is required (an object, {} for none)");
  if (!claims.isObject()) throw Error(ErrorCode::Schema, "/claims", "claims must be an object");
  claims.forEachMember([&](std::string_view name, JsonView v) {
    if (v.type() == JsonView::Type::Null) return;  // shared as "none": unknown, like a missing claim
    if (name == "band:clv") c.clv = readScore(name, v, bands.clv, -1e15, 1e15);
    else if (name == "band:alive") c.alive = readScore(name, v, bands.alive, 0, 1);
    else if (name == "band:crv") c.crv = readScore(name, v, bands.crv, -1e15, 1e15);
    else if (name == "band:influence") c.influence = readScore(name, v, bands.influence, 0, 100);
    else if (name == "feedback:complaint") c.complaint = readFlag(name, v);
    else if (name == "feedback:churn") c.churnThreat = readFlag(name, v);
    else if (name == "feedback:sentiment") c.sentiment = readSentiment(name, v);
    else if (name == "feedback:degree") c.degree = readDegree(name, v);
    else if (name == "nps:category") c.nps = readNps(name, v);
    else if (name == "/preferential/channels") c.channels = readChannels(name, v);
    else if (name == "/identities/email/primary") c.emailShared = readContact(v);
    else if (name == "/identities/phone/primary") c.phoneShared = readContact(v);
  });
  return c;
}

}  // namespace selfcrm::conversations
