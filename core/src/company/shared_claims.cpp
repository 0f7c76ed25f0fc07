#include "selfcrm/company/shared_claims.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/nps.hpp"
#include "tape_records.hpp"

namespace selfcrm::company {

namespace {

constexpr std::string_view kSegmentPrefix = "segment:";

RankedCounts ranked(const std::map<std::string, std::uint64_t>& counts) {
  RankedCounts out(counts.begin(), counts.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return utf16Less(a.first, b.first);
  });
  return out;
}

/// The code point starting at s[i] (valid UTF-8), and its length in bytes.
char32_t codePoint(std::string_view s, std::size_t i, std::size_t& length) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + length > s.size()) length = 1;
  char32_t cp = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

/// The first UTF-16 code unit of a code point: astral ones start with a high surrogate.
char32_t firstUnit(char32_t cp) noexcept { return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp; }

}  // namespace

bool utf16Less(std::string_view a, std::string_view b) noexcept {
  // UTF-8 byte order is code point order; it differs from UTF-16 order only where a code point
  // above U+FFFF (a surrogate pair) meets one in U+E000…U+FFFF, so compare the first differing
  // code points as their code units.
  std::size_t i = 0;
  while (i < a.size() && i < b.size()) {
    std::size_t la = 0, lb = 0;
    const char32_t ca = codePoint(a, i, la), cb = codePoint(b, i, lb);
    if (ca != cb) {
      const char32_t ua = firstUnit(ca), ub = firstUnit(cb);
      if (ua != ub) return ua < ub;
      return ca < cb;  // both astral with one high surrogate: the low surrogates keep code point order
    }
    i += la;
  }
  return a.size() < b.size();
}

std::vector<LineReject> SharedClaims::addNdjson(std::string_view text, std::size_t firstLine) {
  return forEachTapeRecord(text, firstLine, [&](std::size_t, JsonView row) {
    if (!row.isObject()) throw Error(ErrorCode::Schema, "", "a row is a JSON object {\"subject\", \"claims\"}");
    JsonView claims = row;
    if (!row.find("claims", claims)) throw Error(ErrorCode::Schema, "/claims", "claims is required (an object, {} for none)");
    if (!claims.isObject()) throw Error(ErrorCode::Schema, "/claims", "claims must be an object");
    // Read first, counted after: a line refused part-way counts nothing.
    std::vector<std::string> segments;
    std::string persona;
    bool hasPersona = false;
    int category = -1;
    claims.forEachMember([&](std::string_view name, JsonView value) {
      if (name.substr(0, kSegmentPrefix.size()) == kSegmentPrefix && value.isBoolean() && value.boolean()) {
        segments.emplace_back(name.substr(kSegmentPrefix.size()));
      } else if (name == "persona" && value.isString()) {
        persona = std::string(value.string());
        hasPersona = true;
      } else if (name == "nps:category" && value.isString()) {
        const std::string_view c = value.string();
        category = c == "detractor" ? 0 : c == "passive" ? 1 : c == "promoter" ? 2 : -1;
      }
    });
    ++customers_;
    claims_ += claims.size();
    for (auto& s : segments) ++segments_[std::move(s)];
    if (hasPersona) ++personas_[persona];
    if (category >= 0) ++nps_[category];
  });
}

RankedCounts SharedClaims::segments() const { return ranked(segments_); }
RankedCounts SharedClaims::personas() const { return ranked(personas_); }

RankedCounts SharedClaims::npsCategories() const {
  std::map<std::string, std::uint64_t> shared;
  const char* names[] = {"detractor", "passive", "promoter"};
  for (int i = 0; i < 3; ++i) {
    if (nps_[i] > 0) shared[names[i]] = nps_[i];
  }
  return ranked(shared);
}

nlohmann::json SharedClaims::summary() const {
  nlohmann::json nps = nullptr;
  if (nps_[0] + nps_[1] + nps_[2] > 0) nps = NpsTally::fromCounts(static_cast<std::size_t>(nps_[2]), static_cast<std::size_t>(nps_[1]), static_cast<std::size_t>(nps_[0])).summary();
  return {{"customers", customers_}, {"claims", claims_}, {"nps", nps}, {"npsCategories", npsCategories()},
          {"segments", segments()}, {"personas", personas()}};
}

std::vector<double> sharesOf(const std::vector<std::uint64_t>& counts) {
  std::uint64_t total = 0;
  for (std::uint64_t n : counts) total += n;
  std::vector<double> shares;
  shares.reserve(counts.size());
  for (std::uint64_t n : counts) shares.push_back(total ? static_cast<double>(n) / static_cast<double>(total) : 0.0);
  return shares;
}

}  // namespace selfcrm::company
